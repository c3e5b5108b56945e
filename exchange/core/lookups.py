"""`in` lookups on integer columns that ignore numbers the database cannot hold.

Django already turns `pk=10**25` into "no rows" (IntegerFieldOverflow), but not
`pk__in=[10**25]`: SQLite raises OverflowError. Multi-select form fields run exactly that
query with whatever was posted, so a forged id became a 500 instead of "invalid choice".
"""

from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In


def _integer_range(lookup, connection) -> tuple[int | None, int | None]:
    field = lookup.lhs.output_field
    # A relation compares the values of the column it points at.
    path_infos = getattr(field, "path_infos", None)
    if path_infos:
        field = path_infos[-1].target_fields[-1]
    if not isinstance(field, IntegerField):
        return None, None
    try:
        return connection.ops.integer_field_range(field.get_internal_type())
    except KeyError:  # a custom integer type the backend has no range for
        return None, None


class IntegerRangeInMixin:
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = _integer_range(self, connection)
            # In.process_rhs raises EmptyResultSet when nothing is left, as Django does
            # for a single out-of-range number.
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


class IntegerIn(IntegerRangeInMixin, In):
    pass


class RelatedIntegerIn(IntegerRangeInMixin, RelatedIn):
    pass


def register_lookups() -> None:
    IntegerField.register_lookup(IntegerIn)
    ForeignObject.register_lookup(RelatedIntegerIn)

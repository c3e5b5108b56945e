"""What the site's forms share: the error summary at the top of a page."""

from django import forms


class ErrorSummaryMixin:
    """`error_summary()`: (link to the field, message) for every error, in the order of the page,
    for `templates/components/error_summary.html` (the GOV.UK pattern, in NL Design System)."""

    def error_summary(self) -> list[tuple[str, str]]:
        links = [("", str(error)) for error in self.non_field_errors()]
        for name, field in self.fields.items():
            errors = self.errors.get(name, [])
            if not errors:
                continue
            bound = self[name]
            anchor = bound.id_for_label or bound.auto_id
            if isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                anchor = f"{bound.auto_id}_0"  # the first option: where the keyboard lands
            for error in errors:
                links.append(
                    (f"#{anchor}", f"{field.label}: {error}" if field.label else str(error))
                )
        return links

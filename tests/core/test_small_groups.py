"""The small-group rule: figures cover at least N municipalities, also against subtraction."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exchange.core import small_groups
from exchange.core.small_groups import Group, Release, protect


def members(start, count):
    return frozenset(range(start, start + count))


def test_the_minimum_is_a_setting_with_default_five(settings):
    del settings.SMALL_GROUP_MINIMUM
    assert small_groups.minimum() == 5
    settings.SMALL_GROUP_MINIMUM = 10
    assert small_groups.minimum() == 10


def test_a_group_of_fewer_municipalities_than_the_minimum_is_suppressed_with_its_cells():
    release = Release([Group("small", members(0, 4), {"ja": 4})])
    protected = protect(release, minimum_size=5)
    assert not protected.shown("small")
    assert protected.cell("small", "ja") is None


def test_a_cell_below_the_minimum_is_suppressed_and_zero_is_shown():
    release = Release([Group("nl", members(0, 20), {"ja": 12, "nee": 8, "weet niet": 0})])
    protected = protect(release, minimum_size=5)
    assert protected.cell("nl", "ja") == 12
    assert protected.cell("nl", "weet niet") == 0
    release = Release([Group("nl", members(0, 20), {"ja": 12, "nee": 5, "weet niet": 3})])
    protected = protect(release, minimum_size=5)
    assert protected.cell("nl", "weet niet") is None


def test_a_lone_suppressed_cell_of_a_partition_takes_a_second_cell_with_it():
    """Total 20 minus the shown 12 and 5 would give the suppressed 3."""
    release = Release(
        [Group("nl", members(0, 20), {"ja": 12, "nee": 5, "weet niet": 3}, partition=True)]
    )
    protected = protect(release, minimum_size=5)
    assert protected.cell("nl", "weet niet") is None
    assert protected.cell("nl", "nee") is None  # the smallest other cell
    assert protected.cell("nl", "ja") == 12


def test_multiple_choice_cells_do_not_add_up_so_one_suppressed_cell_is_enough():
    release = Release([Group("nl", members(0, 20), {"a": 12, "b": 9, "c": 2})])
    protected = protect(release, minimum_size=5)
    assert protected.cell("nl", "c") is None
    assert protected.cell("nl", "b") == 9


def test_differencing_two_filters_that_differ_by_one_municipality_is_refused():
    """All of a province (30) and the province without its one big city (29): the difference
    would be that city's answer, so the filtered group is suppressed."""
    province = Group("province", members(0, 30), {"ja": 20, "nee": 10}, partition=True)
    without_city = Group("small towns", members(1, 29), {"ja": 19, "nee": 10}, partition=True)
    protected = protect(Release([province, without_city]), minimum_size=5)
    assert protected.shown("province")
    assert not protected.shown("small towns")


def test_nested_groups_that_differ_by_enough_municipalities_are_both_shown():
    outer = Group("nl", members(0, 40), {"ja": 20, "nee": 20}, partition=True)
    inner = Group("province", members(0, 20), {"ja": 10, "nee": 10}, partition=True)
    protected = protect(Release([outer, inner]), minimum_size=5)
    assert protected.shown("nl") and protected.shown("province")


def test_a_cell_revealed_by_subtracting_nested_groups_is_suppressed():
    """The rest of the country (20) has 2 'ja': too few, so the filtered cell goes."""
    outer = Group("nl", members(0, 40), {"ja": 12, "nee": 28}, partition=True)
    inner = Group("province", members(0, 20), {"ja": 10, "nee": 10}, partition=True)
    protected = protect(Release([outer, inner]), minimum_size=5)
    assert protected.cell("province", "ja") is None
    # and its partner, so 20 minus the rest does not give it back
    assert protected.cell("province", "nee") is None


def test_a_province_with_few_respondents_is_suppressed_and_cannot_be_recovered_from_the_rest():
    """Provinces split the nation: if only one were suppressed, nation minus the others
    would reveal it, so the next smallest province goes too."""
    groups = [
        Group("nl", members(0, 33), {"ja": 20, "nee": 13}, partition=True),
        Group("Zeeland", members(0, 3), {"ja": 2, "nee": 1}, partition=True),
        Group("Drenthe", members(3, 10), {"ja": 5, "nee": 5}, partition=True),
        Group("Utrecht", members(13, 20), {"ja": 13, "nee": 7}, partition=True),
    ]
    release = Release(groups, splits=[("nl", ["Zeeland", "Drenthe", "Utrecht"])])
    protected = protect(release, minimum_size=5)
    assert not protected.shown("Zeeland")
    assert not protected.shown("Drenthe")
    assert protected.shown("Utrecht")
    # Nation minus Utrecht now covers Zeeland and Drenthe together (13 municipalities).
    shown_sum = sum(g.size for g in groups[1:] if protected.shown(g.key))
    assert groups[0].size - shown_sum >= 5


def test_a_size_class_with_one_municipality_is_suppressed():
    groups = [
        Group("nl", members(0, 50), {"ja": 30, "nee": 20}, partition=True),
        Group("class 1", members(0, 1), {"ja": 1, "nee": 0}, partition=True),
        Group("class 4", members(1, 24), {"ja": 14, "nee": 10}, partition=True),
        Group("class 5", members(25, 25), {"ja": 15, "nee": 10}, partition=True),
    ]
    release = Release(groups, splits=[("nl", ["class 1", "class 4", "class 5"])])
    protected = protect(release, minimum_size=5)
    assert not protected.shown("class 1")
    assert protected.cell("class 1", "ja") is None
    # One of the others goes too, or nation minus both would give the lone municipality.
    assert not (protected.shown("class 4") and protected.shown("class 5"))


def test_two_rounds_whose_respondents_differ_by_one_municipality_are_not_both_shown():
    round_1 = Group(("r1", "nl"), members(0, 40), {"ja": 20, "nee": 20}, partition=True)
    round_2 = Group(("r2", "nl"), members(0, 41), {"ja": 21, "nee": 20}, partition=True)
    protected = protect(Release([round_1, round_2]), minimum_size=5)
    assert protected.shown(("r2", "nl"))
    assert not protected.shown(("r1", "nl"))


def test_moderators_see_everything_and_members_do_not(member, moderator):
    from django.contrib.auth.models import AnonymousUser

    assert small_groups.sees_everything(moderator)
    assert not small_groups.sees_everything(member)
    assert not small_groups.sees_everything(AnonymousUser())


@settings(max_examples=150, deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=0, max_value=12), min_size=2, max_size=6),
    split=st.lists(st.integers(min_value=0, max_value=4), min_size=2, max_size=6),
)
def test_no_shown_figure_lets_anyone_compute_a_group_or_cell_below_the_minimum(sizes, split):
    """Whatever the provinces and answers, every shown group and every difference between a
    shown parent and its shown children covers at least the minimum, and no row leaves
    exactly one hidden cell."""
    children, start = [], 0
    for n, size in enumerate(sizes):
        yes = min(split[n % len(split)], size)
        children.append(
            Group(f"p{n}", members(start, size), {"ja": yes, "nee": size - yes}, partition=True)
        )
        start += size
    nation = Group(
        "nl",
        members(0, start),
        {"ja": sum(c.cells["ja"] for c in children), "nee": sum(c.cells["nee"] for c in children)},
        partition=True,
    )
    release = Release([nation, *children], splits=[("nl", [c.key for c in children])])
    protected = protect(release, minimum_size=5)
    for group in release.groups:
        if protected.shown(group.key):
            assert group.size >= 5
            hidden = [k for k, v in group.cells.items() if protected.cell(group.key, k) is None]
            hidden_total = sum(group.cells[k] for k in hidden)
            assert not hidden or (len(hidden) > 1 and hidden_total >= 5)
            for key, count in group.cells.items():
                if protected.cell(group.key, key) is not None:
                    assert count == 0 or count >= 5
    if protected.shown("nl"):
        hidden_children = [c for c in children if c.size and not protected.shown(c.key)]
        remainder = sum(c.size for c in hidden_children)
        assert not hidden_children or (len(hidden_children) > 1 and remainder >= 5)
        for cell in ("ja", "nee"):
            if protected.cell("nl", cell) is None:
                continue
            shown = sum(protected.cell(c.key, cell) or 0 for c in children)
            unknown = nation.cells[cell] - shown
            assert unknown == 0 or unknown >= 5


@pytest.mark.parametrize("minimum", [3, 5, 10])
def test_the_minimum_passed_in_is_the_one_applied(minimum):
    release = Release([Group("g", members(0, minimum), {"a": minimum})])
    assert protect(release, minimum_size=minimum).shown("g")
    release = Release([Group("g", members(0, minimum - 1), {"a": minimum - 1})])
    assert not protect(release, minimum_size=minimum).shown("g")

"""The dashboard's figures on a small network whose numbers are known (see conftest.py)."""

import pytest

from exchange.insights.selectors import (
    activity_by_theme,
    answering_by_month,
    participation_by_province,
    search_figures,
)

pytestmark = pytest.mark.django_db


def test_new_practices_and_questions_are_counted_per_month(network, period):
    activity = activity_by_theme(period=period)

    assert activity.months == period.months
    # Live practices by first publication; drafts and older ones do not count.
    assert activity.practices == [1, 0, 2, 0, 0, 0]
    # Hidden questions do not count; a question asked just after midnight on the 1st (local
    # time) counts in that month, not the one before.
    assert activity.questions == [1, 0, 3, 1, 0, 0]


def test_top_themes_then_overig_count_each_other_item_once(network, period):
    activity = activity_by_theme(period=period, top=2)

    # All three themes have three items; ties go by name.
    assert [(s.name, s.is_other) for s in activity.themes] == [
        ("Alpha", False),
        ("Beta", False),
        ("", True),
    ]
    alpha, beta, other = activity.themes
    assert alpha.practices == [1, 0, 1, 0, 0, 0]
    assert alpha.questions == [1, 0, 0, 0, 0, 0]
    assert beta.practices == [1, 0, 0, 0, 0, 0]
    assert beta.questions == [0, 0, 1, 1, 0, 0]
    # Gamma's practice; Gamma's two questions (one also Alpha) and the question without theme.
    assert other.practices == [0, 0, 1, 0, 0, 0]
    assert other.questions == [1, 0, 2, 0, 0, 0]


def test_overig_holds_only_items_without_theme_when_every_theme_is_shown(network, period):
    activity = activity_by_theme(period=period, top=5)

    assert [s.name for s in activity.themes] == ["Alpha", "Beta", "Gamma", ""]
    assert activity.themes[-1].practices == [0] * 6
    assert activity.themes[-1].questions == [0, 0, 1, 0, 0, 0]


def test_answered_share_and_median_time_to_first_visible_answer(network, period):
    answering = answering_by_month(period=period)
    months = {m.month: m for m in answering.months}

    first = months[period.months[0]]
    # Only the visible answer after five hours counts, not the hidden one after one.
    assert (first.asked, first.answered, first.median_hours) == (1, 1, 5.0)
    third = months[period.months[2]]
    assert (third.asked, third.answered, third.median_hours) == (3, 2, 13.0)
    assert third.share == pytest.approx(2 / 3)
    fourth = months[period.months[3]]
    assert (fourth.asked, fourth.answered, fourth.median_hours) == (1, 0, None)
    assert months[period.months[1]].share is None
    assert (answering.asked, answering.answered, answering.median_hours) == (5, 3, 5.0)


def test_active_municipalities_per_province(network, period):
    figures = {p.province: (p.active, p.total) for p in participation_by_province(period=period)}

    assert len(figures) == 12
    # Utrecht published; Amersfoort only has a draft and a hidden question; the merged
    # municipality is no longer counted at all.
    assert figures["Utrecht"] == (1, 2)
    assert figures["Overijssel"] == (1, 1)  # Zwolle answered a question
    assert figures["Gelderland"] == (0, 1)  # Apeldoorn published before the period
    assert figures["Zeeland"] == (0, 0)


def test_searches_are_grouped_case_insensitively_within_the_window(network):
    figures = search_figures(days=30)

    assert (figures.searches, figures.zero_result_searches) == (6, 3)
    assert [(q.query, q.searches) for q in figures.top] == [
        ("jongeren", 3),
        ("azc", 2),
        ("=hyperlink(1)", 1),
    ]
    assert figures.top[0].average_results == pytest.approx(5.0)
    assert [(q.query, q.searches) for q in figures.zero_result] == [
        ("azc", 2),
        ("=hyperlink(1)", 1),
    ]


def test_longer_search_window_includes_older_queries(network):
    figures = search_figures(days=90)

    assert ("oud", 1) in [(q.query, q.searches) for q in figures.zero_result]
    assert figures.searches == 7

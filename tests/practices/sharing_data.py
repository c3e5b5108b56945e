"""Valid POST data for every step of sharing a practice (tests and bench/sharing.py use it)."""


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "50",
    }


def step_data(slug: str, *, theme_ids=(), municipality_ids=(), contact_id=None) -> dict:
    """A valid submission of one step, with "Opslaan en verder"."""
    data = {
        "titel": {
            "title": "Weerbaarheidstraining op het mbo",
            "summary": "Een training voor mbo-studenten over omgaan met extremistische content.",
        },
        "context": {
            "context_problem": "Docenten zagen **online** polarisatie in de klas.",
            "goal": "Studenten herkennen manipulatie.",
            "description": "",
        },
        "doelgroepen": {
            "themes": [str(pk) for pk in theme_ids],
            "other_target_groups": "studenten mbo, docenten",
        },
        "aanpak": {
            "approach_intro": "We werkten in drie stappen.",
            **management("stappen", 2),
            "stappen-0-ORDER": "1",
            "stappen-0-title": "Docenten trainen",
            "stappen-0-text": "Twee dagdelen.",
            "stappen-1-ORDER": "2",
            "stappen-1-title": "Lessen geven",
            "stappen-1-text": "",
            **management("partners", 2),
            "partners-0-kind": "school",
            "partners-0-name": "ROC Midden",
            "partners-0-role": "Gastlessen",
            "partners-1-kind": "",
            "partners-1-name": "",
            "partners-1-role": "",
        },
        "resultaten": {
            "results": "Negentig procent vond het nuttig.",
            "evidence_level": "beschreven",
            "evidence_assessed_at": "",
            "evidence_assessed_by": "",
            "transferability": "",
        },
        "kosten": {"cost_range": "5k-25k", "staffing_fte": "0,5", "funding": "Eigen middelen"},
        "periode": {
            "start_date": "2024-01-15",
            "end_date": "",
            "ongoing": "on",
            "status": "running",
            "contact_person": str(contact_id or ""),
        },
        "bijlagen": {**management("bijlagen", 0), "title": "", "visibility": ""},
        "zichtbaarheid": {
            "visibility": "restricted" if municipality_ids else "public",
            "allowed_municipalities": [str(pk) for pk in municipality_ids],
        },
    }[slug]
    return {**data, "actie": "verder"}


FORM_STEPS = (
    "titel",
    "context",
    "doelgroepen",
    "aanpak",
    "resultaten",
    "kosten",
    "periode",
    "bijlagen",
    "zichtbaarheid",
)


def step_url(page, slug: str) -> str:
    from django.urls import reverse

    return reverse("practice_share_step", args=[page.pk, slug])


def share(client, *, theme_ids, contact_id=None, steps=FORM_STEPS, submit=True, **changes):
    """Fill in every step as a member would (`changes`: {step: {field: value}}) and submit.

    Returns the PracticePage; asserts that each step was accepted.
    """
    from django.urls import reverse

    from practices.models import PracticePage

    response = client.post(
        reverse("practice_share"), {**step_data("titel"), **changes.get("titel", {})}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = PracticePage.objects.order_by("-pk").first()
    for slug in steps[1:]:
        data = {
            **step_data(slug, theme_ids=theme_ids, contact_id=contact_id),
            **changes.get(slug, {}),
        }
        response = client.post(step_url(page, slug), data)
        assert response.status_code == 302, (slug, response.content.decode()[:3000])
    if submit:
        response = client.post(step_url(page, "indienen"))
        assert response.status_code == 302
    page.refresh_from_db()
    return page

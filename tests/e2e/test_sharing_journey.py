"""Sharing a practice, the whole journey, in a real browser.

A verified member creates a practice step by step, leaves, comes back through Mijn concepten,
previews and submits it; a moderator asks for a change in the admin; the member reads the
comment on the site, changes the step and submits again; the moderator publishes; the member
is told in the app; the practice is on the catalogue, the municipality page and the theme
page. axe-core checks every step of the form and Mijn concepten on the way.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from exchange.municipalities.models import Municipality
from exchange.themes.models import Theme
from practices.models import PracticePage
from tests.factories import MemberFactory, ModeratorFactory
from tests.practices.factories import ensure_page_tree
from tests.practices.files import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Sleutelfiguren signaleren spanningen in de wijk"


@pytest.fixture
def people():
    from practices.services import practice_index_ensure

    call_command("load_municipalities", verbosity=0)
    ensure_page_tree()
    practice_index_ensure()
    utrecht = Municipality.objects.get(code="GM0344")
    member = MemberFactory(
        first_name="Fatima",
        last_name="El Amrani",
        profile__municipality=utrecht,
        profile__job_title="Beleidsadviseur sociale stabiliteit",
    )
    moderator = ModeratorFactory(first_name="Mo", last_name="Derator")
    return member, moderator, utrecht


def save_and_next(page):
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.locator(".utrecht-alert--ok")).to_be_visible()


def test_a_member_shares_a_practice_and_a_moderator_publishes_it(
    people, page, login, axe_check, tmp_path
):
    member, moderator, utrecht = people
    theme = Theme.objects.get(slug="polarisatie")
    login(member)

    # The catalogue offers to share a practice.
    page.goto("/praktijken/")
    page.get_by_role("link", name="Deel een praktijk").click()

    # 1. Title and summary (a mistake first: the summary at the top links to the field).
    axe_check()
    expect(page.locator("nav.kn-steps [aria-current=step]")).to_have_text("Titel en samenvatting")
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.locator("#error-summary")).to_contain_text("Samenvatting: Dit veld is verplicht.")
    axe_check()
    page.locator("#error-summary a").first.click()
    expect(page.locator("#id_summary")).to_be_focused()
    page.locator("#id_summary").fill(
        "Sleutelfiguren uit de wijk melden spanningen vroeg, zodat de gemeente kan bijsturen."
    )
    save_and_next(page)

    # 2. Context and goal.
    axe_check()
    page.get_by_label("Context en probleem").fill("Na incidenten liepen spanningen op in de wijk.")
    page.get_by_label("Doel").fill("Spanningen vroeg zien en samen de-escaleren.")
    save_and_next(page)

    # 3. Target groups and themes.
    axe_check()
    page.get_by_label(theme.name, exact=True).check()
    page.get_by_label("Andere doelgroepen").fill("sleutelfiguren, jongeren")
    save_and_next(page)

    # 4. Approach and partners.
    axe_check()
    page.get_by_label("Inleiding op de aanpak").fill("Een netwerk van sleutelfiguren.")
    page.locator("#id_stappen-0-title").fill("Sleutelfiguren werven")
    page.locator("#id_stappen-1-title").fill("Maandelijks overleg")
    page.locator("#id_partners-0-kind").select_option("police")
    page.locator("#id_partners-0-role").fill("Wijkagent schuift aan")
    save_and_next(page)

    # 5. Results; then the member leaves halfway, from the costs step.
    axe_check()
    page.get_by_label("Resultaten en evaluatie").fill("Drie keer eerder ingegrepen.")
    page.get_by_label("goed beschreven").check()
    save_and_next(page)
    axe_check()
    page.get_by_label("Inzet in fte").fill("0,4")
    page.get_by_role("button", name="Opslaan en later verder").click()

    # Mijn concepten: the draft, with who edited it last.
    expect(page.get_by_role("heading", name="Mijn concepten")).to_be_visible()
    axe_check()
    expect(page.locator("table.kn-drafts")).to_contain_text("concept")
    expect(page.locator("table.kn-drafts")).to_contain_text("Fatima El Amrani")
    page.get_by_role("link", name=TITLE).click()
    axe_check()
    page.get_by_role("link", name="Periode, status en contactpersoon").click()

    # 7. Period, status, contact person (only verified colleagues are offered).
    axe_check()
    page.get_by_label("Start").fill("2024-02-01")
    page.get_by_label("Loopt door zonder einddatum").check()
    page.get_by_label("Contactpersoon").select_option(str(member.pk))
    save_and_next(page)

    # 8. Attachments, each with its own visibility.
    axe_check()
    report = tmp_path / "evaluatie.pdf"
    report.write_bytes(pdf_bytes())
    page.locator("#id_file").set_input_files(str(report))
    page.get_by_label("Titel van de nieuwe bijlage").fill("Evaluatie 2024")
    page.locator("input[name=visibility][value=members]").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    # 9. Visibility.
    axe_check()
    page.get_by_label("Openbaar").check()
    save_and_next(page)

    # 10. The preview is the practice page itself.
    axe_check()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("article")).to_contain_text("Maandelijks overleg")
    expect(page.locator("article")).to_contain_text("Evaluatie 2024")
    page.get_by_role("link", name="Verder naar indienen").click()

    # 11. Submit.
    axe_check()
    page.get_by_role("button", name="Indienen ter beoordeling").click()
    expect(page.locator(".kn-state")).to_have_text("in beoordeling")
    practice = PracticePage.objects.get(draft_title=TITLE)
    assert not practice.live

    # The moderator asks for a change in the admin.
    login(moderator)
    page.goto(f"/beheer/pages/{practice.pk}/edit/")
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name="Wijzigingsverzoek").click()
    page.locator("textarea[name=comment]").fill("Noem ook wat het overleg kost.")
    page.locator(".modal button[type=submit], dialog button[type=submit]").last.click()
    expect(page.locator(".messages .success")).to_be_visible(timeout=15_000)

    # The author reads the comment on the site, changes the costs and submits again.
    login(member)
    page.goto("/praktijken/delen/concepten/")
    expect(page.locator("table.kn-drafts")).to_contain_text("wijzigingen gevraagd")
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator(".utrecht-blockquote")).to_contain_text("Noem ook wat het overleg kost.")
    page.get_by_role("link", name="Kosten en inzet").click()
    page.get_by_label("Financiering").fill("Rijksbijdrage sociale stabiliteit, € 4.000 per jaar")
    save_and_next(page)
    page.goto(f"/praktijken/delen/{practice.pk}/indienen/")
    page.get_by_role("button", name="Opnieuw indienen").click()
    expect(page.locator(".kn-state")).to_have_text("in beoordeling")

    # The moderator publishes.
    login(moderator)
    page.goto(f"/beheer/pages/{practice.pk}/edit/")
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name="Goedkeuren en publiceren", exact=True).click()
    expect(page.locator(".messages .success")).to_be_visible(timeout=15_000)
    practice.refresh_from_db()
    assert practice.live

    # The author is told in the app, and finds the practice where colleagues look.
    login(member)
    page.goto(reverse("notification_list"))
    expect(page.locator("main")).to_contain_text("Uw praktijk is gepubliceerd")
    expect(page.locator("main")).to_contain_text(TITLE)
    for path in ("/praktijken/", utrecht.get_absolute_url(), f"/thema/{theme.slug}/"):
        page.goto(path)
        expect(page.get_by_role("link", name=TITLE).first).to_be_visible()


def test_the_form_works_without_javascript(people, browser, live_server, client, log_in):
    member, _moderator, _utrecht = people
    log_in(client, member)
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="nl-NL"
    )
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto("/praktijken/delen/")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.locator("#error-summary")).to_contain_text("Titel: Dit veld is verplicht.")
    page.get_by_label("Titel").fill("Zonder scripts gedeeld")
    page.get_by_label("Samenvatting").fill("Een praktijk, gedeeld zonder JavaScript.")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.locator("nav.kn-steps [aria-current=step]")).to_have_text("Context en doel")
    page.get_by_role("link", name="Aanpak en partners").click()
    page.locator("#id_stappen-0-title").fill("Eerste stap")
    page.locator("#id_stappen-1-title").fill("Tweede stap")
    page.locator("#id_stappen-0-ORDER").fill("2")
    page.locator("#id_stappen-1-ORDER").fill("1")
    page.get_by_role("button", name="Opslaan en terug").click()
    page.get_by_role("link", name="Aanpak en partners").click()
    expect(page.locator("#id_stappen-0-title")).to_have_value("Tweede stap")  # reordered
    context.close()

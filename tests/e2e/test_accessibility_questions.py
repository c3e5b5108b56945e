"""axe-core on the questions: the list, a question with answers, the ask form (also with errors).

Also: the ask page's similar-questions list works with JavaScript (typing) and without it
(the button), under the site's strict Content-Security-Policy.
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command

from exchange.municipalities.models import Municipality
from exchange.questions.models import Vote
from tests.factories import MemberFactory
from tests.questions.factories import make_answer, make_question

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BODY = (
    "Wij zien **spanningen** na een incident. Wat werkte bij jullie?\n\n"
    "- wijkgesprekken\n- sleutelfiguren\n\n"
    "Zie ook [onze aanpak](https://example.org/aanpak) en `code`."
)


@pytest.fixture
def forum():
    # Posting limits live in the (database) cache, which a flush between tests keeps.
    cache.clear()
    call_command("load_municipalities", verbosity=0)
    utrecht = Municipality.objects.get(code="GM0344")
    zwolle = Municipality.objects.get(code="GM0193")
    asker = MemberFactory(profile__municipality=utrecht, profile__job_title="Beleidsadviseur")
    answerer = MemberFactory(profile__municipality=zwolle, profile__job_title="Jongerenwerker")
    colleague = MemberFactory(profile__municipality=zwolle)
    questions = [
        make_question(
            author=asker,
            title=f"Hoe dempen jullie spanningen in de wijk na een incident {i}?",
            body=BODY,
            visibility=("public", "members")[i % 2],
            themes=("maatschappelijke-spanningen", "polarisatie"),
        )
        for i in range(4)
    ]
    question = questions[0]
    accepted = make_answer(
        question=question,
        author=answerer,
        body="Een **wijkgesprek** binnen een week.",
        accepted=True,
    )
    make_answer(question=question, author=colleague, body="- sleutelfiguren\n- de wijkagent")
    Vote.objects.create(answer=accepted, user=colleague)
    return {"asker": asker, "answerer": answerer, "colleague": colleague, "questions": questions}


def test_question_list_has_no_violations(forum, axe_check, login):
    axe_check("/vragen/")
    axe_check("/vragen/?thema=polarisatie&provincie=Utrecht&sorteer=actief")
    axe_check("/vragen/?status=closed")  # the empty state
    login(forum["colleague"])
    axe_check("/vragen/")
    axe_check("/vragen/mijn/")


def test_question_page_with_answers_has_no_violations(forum, axe_check, login):
    url = forum["questions"][0].get_absolute_url()
    axe_check(url)
    login(forum["colleague"])  # vote buttons and the answer form
    axe_check(url)
    login(forum["asker"])  # accept buttons and the close / duplicate forms
    axe_check(url)


def test_ask_form_has_no_violations_also_with_errors(forum, page, axe_check, login):
    login(forum["asker"])
    axe_check("/vragen/stel-een-vraag/?titel=Spanningen+in+de+wijk")
    page.fill("#id_title", "")
    page.locator("#id_visibility_2").check()  # restricted, but no municipality chosen
    page.locator("#id_allowed_municipalities").select_option([])
    page.locator("form.kn-ask-form button.utrecht-button--primary-action").click()
    page.wait_for_load_state()
    assert page.locator(".utrecht-form-field-error-message").count() >= 2
    axe_check()


def test_the_personal_data_warning_has_no_violations_and_lets_the_member_go_on(
    forum, page, axe_check, login
):
    login(forum["asker"])
    page.goto("/vragen/stel-een-vraag/")
    page.fill("#id_title", "Hoe helpen jullie een moeder die zich zorgen maakt?")
    page.fill("#id_body", "Mevrouw Jansen (06-12345678) belde ons over haar zoon.")
    page.locator("form.kn-ask-form button.utrecht-button--primary-action").click()
    page.wait_for_load_state()
    warning = page.locator("#persoonsgegevens-controle")
    assert "06-12345678" in warning.inner_text()
    axe_check()
    page.get_by_label("Ik heb dit gecontroleerd; het gaat niet om gegevens van een persoon").check()
    page.locator("form.kn-ask-form button.utrecht-button--primary-action").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Hoe helpen jullie een moeder die zich zorgen maakt?"


def test_similar_questions_appear_while_typing(forum, page, login):
    login(forum["asker"])
    page.goto("/vragen/stel-een-vraag/")
    page.locator("#id_title").press_sequentially("spanningen incident", delay=20)
    region = page.locator("#similar-questions")
    region.get_by_role("link", name=forum["questions"][0].title).wait_for()
    assert region.get_attribute("aria-live") == "polite"


def test_similar_questions_work_without_javascript(forum, browser, live_server, client):
    client.force_login(forum["asker"], backend="django.contrib.auth.backends.ModelBackend")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto("/vragen/stel-een-vraag/")
    page.fill("#id_title", "spanningen incident")
    page.locator("button[name=vergelijkbaar]").click()
    page.wait_for_load_state()
    assert page.locator("#similar-questions a").count() >= 1
    assert page.input_value("#id_title") == "spanningen incident"
    context.close()

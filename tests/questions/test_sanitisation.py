"""User text: Markdown in, sanitised HTML out; no script, handler, style or bad URL survives."""

import html
import re
from html.parser import HTMLParser

import pytest

from exchange.core.markdown import render_markdown
from exchange.questions.models import Answer, Question

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript&#58;alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="&#106;avascript:alert(1)">klik</a>',
    '<a href="jav&#x09;ascript:alert(1)">klik</a>',
    '<a href="data:text/html,<script>alert(1)</script>">klik</a>',
    '<a href="https://example.org" onclick="alert(1)">klik</a>',
    '<a href="https://example.org" onmouseover=alert(1)>klik</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))">opgemaakt</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph>"
    "</table></mtext></math>",
    '<math href="javascript:alert(1)">klik</math>',
    "<scr<script>ipt>alert(1)</script>",
    "<<script>alert(1)//<</script>",
    '<img """><script>alert(1)</script>">',
    "<details open ontoggle=alert(1)>",
    '<form action="javascript:alert(1)"><button>verstuur</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<div onpointerenter="alert(1)">wijs hier</div>',
    "<input autofocus onfocus=alert(1)>",
    "<!--<img src=x onerror=alert(1)>-->",
    '![plaatje](javascript:alert(1) "titel")',
    '<a href="vbscript:msgbox(1)">klik</a>',
    "`<script>` in **tekst** <script>alert(1)</script>",
]

ALLOWED_SCHEMES = ("http:", "https:", "mailto:")
FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "style",
    "math",
    "svg",
    "form",
    "meta",
    "base",
    "details",
    "img",
    "input",
    "body",
}


class TagCollector(HTMLParser):
    """Every start tag with its (unescaped) attributes, as a browser would read them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def tags_of(markup: str) -> list[tuple[str, dict]]:
    collector = TagCollector()
    collector.feed(markup)
    collector.close()
    return collector.tags


def assert_safe(markup: str) -> None:
    assert "<script" not in markup.lower()
    for tag, attrs in tags_of(markup):
        assert tag not in FORBIDDEN_TAGS, (tag, markup)
        for name, value in attrs.items():
            assert not name.startswith("on"), (name, markup)
            assert name != "style", markup
            if name in {"href", "src", "action", "data", "formaction"}:
                # Browsers drop whitespace and control characters before the scheme.
                url = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
                if ":" in url.split("/")[0]:
                    assert url.startswith(ALLOWED_SCHEMES), (value, markup)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_neutralised(payload):
    assert_safe(render_markdown(payload))


def test_there_are_at_least_twenty_payloads():
    assert len(PAYLOADS) >= 20


def test_harmless_markdown_renders():
    source = (
        "Een *nadruk* en **vet**, met `inline code`.\n\n"
        "- punt een\n- punt twee\n\n"
        "1. eerste\n2. tweede\n\n"
        "Zie [de website](https://example.org/pagina).\n\n"
        "```\nprint('hallo')\n```\n\n"
        "> een citaat\n"
    )
    rendered = render_markdown(source)
    assert "<em>nadruk</em>" in rendered
    assert "<strong>vet</strong>" in rendered
    assert "<code>inline code</code>" in rendered
    assert "<ul>" in rendered and "<li>punt een</li>" in rendered
    assert "<ol>" in rendered and "<li>eerste</li>" in rendered
    assert "<pre><code>print(" in rendered
    assert "<blockquote>" in rendered
    links = [attrs for tag, attrs in tags_of(rendered) if tag == "a"]
    assert links == [{"href": "https://example.org/pagina", "rel": "nofollow noopener"}]


def test_code_shows_markup_as_text():
    rendered = render_markdown("`<script>alert(1)</script>`")
    assert "&lt;script&gt;" in rendered
    assert_safe(rendered)


# -- through the real pages ------------------------------------------------------------------


@pytest.mark.django_db
def test_payloads_asked_and_answered_through_the_site_stay_harmless(client_as, asker, answerer):
    title = '<script>alert("titel")</script><img src=x onerror=alert(1)>'
    body = "\n\n".join(PAYLOADS)
    client = client_as(asker)
    response = client.post(
        "/vragen/stel-een-vraag/",
        {"title": title, "body": body, "visibility": "public"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    question = Question.objects.get()
    assert_safe(question.body_html)

    client = client_as(answerer)
    response = client.post(f"/vragen/{question.pk}/antwoorden/", {"body": body})
    assert response.status_code == 302
    assert_safe(Answer.objects.get().body_html)

    page = client.get(question.get_absolute_url()).content.decode()
    assert '<script>alert("titel")' not in page
    main = page[page.index('<main id="main"') :]
    for tag, attrs in tags_of(main):
        assert tag != "script", attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        href = re.sub(r"[\x00-\x20]", "", attrs.get("href", "")).lower()
        assert not href.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)

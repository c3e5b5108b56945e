"""Members write Markdown on the site; a practice stores Wagtail rich text. Both ways here.

Going in, the text takes the site's one Markdown path (`exchange.core.markdown`, sanitised by
nh3) and is then reduced to what a practice's rich-text fields allow (`TEXT_FEATURES`).
Coming back for editing, that small set of tags is written out as Markdown again, so a draft
saved on one step reads the same when the member returns to it.
"""

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from wagtail.rich_text import expand_db_html

from exchange.core.markdown import render_markdown
from practices.from_question import rich_text

# Characters Markdown would read as markup in running text.
_ESCAPE = re.compile(r"([\\`*_\[\]])")
_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])(\s)", re.MULTILINE)


def markdown_to_rich_text(source: str) -> str:
    """Wagtail rich text (`<p>`, `<b>`, `<i>`, links, lists, `<h3>`) from a member's Markdown."""
    if not (source or "").strip():
        return ""
    return rich_text(render_markdown(source))


def rich_text_to_markdown(stored: str) -> str:
    """The Markdown a member edits for stored rich text (internal links become addresses)."""
    if not (stored or "").strip():
        return ""
    soup = BeautifulSoup(expand_db_html(stored), "html.parser")
    blocks = [_block(node) for node in soup.children]
    return "\n\n".join(block for block in blocks if block.strip()).strip()


def _block(node, depth: int = 0) -> str:
    if isinstance(node, NavigableString):
        return _escape(str(node)).strip()
    if not isinstance(node, Tag):
        return ""
    if node.name in ("ul", "ol"):
        return _list(node, depth)
    if node.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return "### " + _inline(node).strip()
    if node.name == "p" or node.name in ("div", "blockquote"):
        return _inline(node).strip()
    return _inline(node).strip()


def _list(node: Tag, depth: int) -> str:
    lines = []
    for number, item in enumerate(node.find_all("li", recursive=False), start=1):
        marker = f"{number}." if node.name == "ol" else "-"
        text_parts, nested = [], []
        for child in item.children:
            if isinstance(child, Tag) and child.name in ("ul", "ol"):
                nested.append(_list(child, depth + 1))
            else:
                text_parts.append(_inline_node(child))
        lines.append("    " * depth + f"{marker} " + "".join(text_parts).strip())
        lines.extend(nested)
    return "\n".join(lines)


def _inline(node: Tag) -> str:
    return "".join(_inline_node(child) for child in node.children)


def _inline_node(node) -> str:
    if isinstance(node, NavigableString):
        return _escape(str(node))
    if not isinstance(node, Tag):
        return ""
    inner = _inline(node)
    if node.name in ("b", "strong"):
        return f"**{inner}**" if inner.strip() else inner
    if node.name in ("i", "em"):
        return f"*{inner}*" if inner.strip() else inner
    if node.name == "br":
        return "  \n"
    if node.name == "a" and node.get("href"):
        return f"[{inner}]({node['href']})"
    return inner


def _escape(text: str) -> str:
    text = _ESCAPE.sub(r"\\\1", text).replace("<", "&lt;")
    return _LINE_START.sub(r"\1\\\2\3", text)

"""HTML pages → main text plus title, URL, date and outlet, via trafilatura (offline)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kronika.errors import InputError

# Elements after which a reader sees a line break; everything else flows inline.
_BLOCKS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 tr table blockquote section article header footer "
                    "pre figure figcaption dd dt".split())
_SPACES = re.compile(r"[ \t\u00a0]+")
_WORD = re.compile(r"\w+")
_MIN_WORDS = 5


@dataclass(frozen=True, slots=True)
class Page:
    """What we keep of a web page."""

    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    lang: str | None = None


def extract_page(html: str, path: str) -> Page:
    """Main text and metadata of an article page; navigation, ads and footers are dropped.

    A page with ``<article><p>Szojgu przyleciał do Pjongjangu.</p></article>`` gives that sentence as text.
    """
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            # No guessing from the file's own date: an article without a date stays undated.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as e:  # noqa: BLE001 - trafilatura raises assorted lxml errors on broken markup
        raise InputError(path, None, f"HTML could not be parsed ({e})", "save the complete page as HTML") from e
    text = getattr(doc, "text", None) if doc is not None else None
    # A few words are menu leftovers (trafilatura falls back to any text it finds), not an article.
    if not text or len(_WORD.findall(text)) < _MIN_WORDS:
        raise InputError(path, None, "no article text found in the HTML",
                         "check that the file is a complete article page, or save the article as .txt")
    return Page(
        text=text,
        title=getattr(doc, "title", None) or None,
        url=getattr(doc, "url", None) or None,
        published=getattr(doc, "date", None) or None,
        outlet=getattr(doc, "sitename", None) or None,
        lang=(getattr(doc, "language", None) or None),
    )


def html_to_text(fragment: str) -> str:
    """Strip tags from an HTML fragment (a feed summary), keeping paragraph breaks.

    >>> html_to_text("<p>Kim Dzong Un <b>przyjął</b> Szojgu.</p><p>Rozmowy trwały dwa dni.</p>")
    'Kim Dzong Un przyjął Szojgu.\\nRozmowy trwały dwa dni.'
    """
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - unparsable markup: fall back to dropping anything tag-like
        return re.sub(r"<[^>]*>", " ", fragment).strip()
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el) -> None:
        if el.text:
            parts.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
                if child.tag.lower() in _BLOCKS:
                    parts.append("\n")
            if child.tail:
                parts.append(child.tail)

    walk(root)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)

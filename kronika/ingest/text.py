"""Plain-text articles, with the two header styles we meet.

- Seed style: the text starts with `` date 2024-10`` and the article follows on the same line.
  The header is removed from the text and becomes ``published`` ("2024-10", month precision).
- BSNLP raw files: id, language, date, URL on lines 1-4, the title on line 5. The title is part of
  the text (entities are annotated in it), so the document text starts at line 5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

_DATE_HEADER = re.compile(r"^\s?date:?[ \t]+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b[ \t]*\n?")
_BSNLP_ID = re.compile(r"^(?:[a-z]{2}-[\w-]+|\d+)$")
_BSNLP_LANGS = {"pl": "pl", "cs": "cs", "cz": "cs", "ru": "ru", "uk": "uk", "ua": "uk", "bg": "bg", "sl": "sl",
                "hr": "hr", "sk": "sk", "en": "en"}
_ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_META_HEADER = re.compile(r"^ ?(outlet|url):?[ \t]+([^\n]+)\n")
_PLACEHOLDER_DATES = {"1970-01-01"}  # some BSNLP files carry the Unix epoch instead of a date


@dataclass(frozen=True, slots=True)
class ParsedText:
    """An article body with whatever its header said."""

    text: str
    published: str | None = None
    lang: str | None = None
    url: str | None = None
    title: str | None = None
    external_id: str | None = None
    outlet: str | None = None


def parse_text(text: str) -> ParsedText:
    """Split an optional header off normalised text.

    >>> parse_text(" date 2024-10 Kim Dzong Un odwiedził Rosję.").published
    '2024-10'
    """
    bsnlp = _parse_bsnlp(text)
    if bsnlp is not None:
        return bsnlp
    # Header lines in any order: " date 2024-10" (the seed style, text may follow on the same
    # line), " outlet Kurier Wschodni", " url https://…" (each on a line of its own).
    fields: dict[str, str] = {}
    rest = text
    while True:
        m = _DATE_HEADER.match(rest)
        key = "date"
        if not m:
            m = _META_HEADER.match(rest)
            key = m.group(1).lower() if m else ""
        if not m or key in fields or not rest[m.end():].strip():
            break
        fields[key] = m.group(1) if key == "date" else m.group(2).strip()
        rest = rest[m.end():]
    if fields:
        body = rest.lstrip()
        return ParsedText(text=body, published=fields.get("date"), title=_first_line_title(body),
                          outlet=fields.get("outlet"), url=fields.get("url"))
    return ParsedText(text=text, title=_first_line_title(text))


def _first_line_title(text: str) -> str | None:
    """A short first line followed by a blank line is a headline ("Szojgu znów w Pjongjangu")."""
    head, sep, rest = text.partition("\n")
    if sep and rest.startswith("\n") and 0 < len(head) <= 200 and not head.rstrip().endswith((".", ":")):
        return head.strip()
    return None


def _parse_bsnlp(text: str) -> ParsedText | None:
    lines = text.split("\n")
    if len(lines) < 5:
        return None
    doc_id, lang, date, url = (line.strip() for line in lines[:4])
    if not _BSNLP_ID.match(doc_id) or lang.lower() not in _BSNLP_LANGS:
        return None
    if url and not url.startswith(("http://", "https://")):
        return None
    body = "\n".join(lines[4:])
    if not body.strip():
        return None
    title = lines[4].strip() or None
    return ParsedText(text=body, published=_bsnlp_date(date), lang=_BSNLP_LANGS[lang.lower()], url=url or None,
                      title=title, external_id=doc_id)


def _bsnlp_date(value: str) -> str | None:
    """"2018-01-12", "2016-11-04T12:53:08+01:00" or a Unix time → ISO day; empty/placeholder → None."""
    m = _ISO_DATE.match(value)
    if m:
        return None if m.group(1) in _PLACEHOLDER_DATES else m.group(1)
    if value.isdigit() and len(value) >= 9:
        return datetime.fromtimestamp(int(value), UTC).date().isoformat()
    return None

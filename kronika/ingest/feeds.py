"""RSS and Atom feeds → one article per entry (title, link, date, text with HTML stripped)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

from kronika.errors import InputError
from kronika.ingest.html import html_to_text


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed item, ready to become a Document."""

    text: str
    title: str | None
    url: str | None
    published: str | None
    outlet: str | None
    lang: str | None
    external_id: str | None
    index: int  # 1-based position in the feed, for error messages


def looks_like_feed(head: str) -> bool:
    """Sniff the start of a decoded file: ``<rss``, ``<feed`` or ``<rdf:RDF`` near the top."""
    head = head[:1000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def parse_feed(data: bytes, path: str) -> Iterator[Entry]:
    """Entries of a feed. A feed that cannot be parsed and has no entries raises InputError.

    An entry titled "Szojgu ponownie w Pjongjangu" with an HTML summary gives that title and the
    summary as plain text.
    """
    import feedparser

    parsed = feedparser.parse(data)
    # A feed cut off mid-item parses with a trailing empty entry; only entries with content count.
    usable = [(i, e) for i, e in enumerate(parsed.entries, 1) if e.get("title") or _entry_html(e)]
    broken = parsed.get("bozo") and len(usable) < len(parsed.entries)
    if not usable:
        if parsed.get("bozo"):
            raise InputError(path, _where(parsed), f"broken feed ({parsed.get('bozo_exception')})",
                             "check that the file is complete RSS or Atom XML")
        raise InputError(path, None, "feed has no entries", "nothing to ingest: remove it or fetch it again")
    feed = parsed.get("feed", {})
    outlet = feed.get("title") or None
    feed_lang = _lang(feed.get("language"))
    for i, entry in usable:
        body = _entry_html(entry)
        text = html_to_text(body) if body else ""
        title = html_to_text(entry.get("title", "")) or None
        if title and not text.startswith(title):
            # The headline belongs to the article as in .txt and HTML input: its names get analysed too.
            text = f"{title}\n\n{text}" if text.strip() else title
        yield Entry(text=text, title=title, url=entry.get("link") or None, published=_date(entry), outlet=outlet,
                    lang=_lang(entry.get("language")) or feed_lang, external_id=entry.get("id") or None, index=i)
    if broken:
        raise InputError(path, _where(parsed), f"feed is cut off after entry {usable[-1][0]} "
                         f"({parsed.get('bozo_exception')})", "the entries before it were read; fetch the feed again")


def _where(parsed) -> str | None:
    exc = parsed.get("bozo_exception")
    return f"line {exc.getLineNumber()}" if hasattr(exc, "getLineNumber") else None


def _entry_html(entry) -> str:
    """The fullest text an entry has: content:encoded / Atom content, else the summary."""
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    if contents:
        return max(contents, key=len)
    return entry.get("summary", "") or ""


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value: time.struct_time | None = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


def _lang(value: str | None) -> str | None:
    """"pl-PL" → "pl"."""
    return value.split("-")[0].split("_")[0].lower() if value else None

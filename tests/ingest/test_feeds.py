"""RSS/Atom feeds → one document per entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from kronika.errors import InputError
from kronika.ingest import read_path

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wiadomości Próbne</title><language>pl</language>
<item><title>Duma za traktatem z KRLD</title><link>https://probne.example.pl/1</link>
<guid>probne-1</guid><pubDate>Thu, 24 Oct 2024 12:00:00 +0000</pubDate>
<description>&lt;p&gt;Deputowani &lt;b&gt;jednogłośnie&lt;/b&gt; poparli umowę z Pjongjangiem.&lt;/p&gt;
</description></item>
<item><title>Saperzy z Północy</title><link>https://probne.example.pl/2</link>
<pubDate>Wed, 18 Jun 2025 08:00:00 +0000</pubDate>
<description>Do obwodu kurskiego pojedzie tysiąc saperów.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Próbny</title>
<entry><title>Kim w Wostocznym</title><link href="https://atom.example.pl/kim"/><id>urn:kim</id>
<published>2023-09-13T10:00:00Z</published>
<content type="html">&lt;p&gt;Kim Dzong Un spotkał się z Putinem na kosmodromie.&lt;/p&gt;</content></entry>
</feed>"""


def test_feeds_rss_one_document_per_entry(tmp_path: Path) -> None:
    f = tmp_path / "kanal.xml"
    f.write_text(RSS, encoding="utf-8")
    first, second = read_path(str(f))
    assert first.source.title == "Duma za traktatem z KRLD"
    assert first.source.url == "https://probne.example.pl/1"
    assert first.source.published == "2024-10-24"
    assert first.source.outlet == "Wiadomości Próbne"
    assert first.source.external_id == "probne-1"
    assert first.text == "Duma za traktatem z KRLD\n\nDeputowani jednogłośnie poparli umowę z Pjongjangiem."
    assert "<" not in first.text
    assert second.source.published == "2025-06-18" and "tysiąc saperów" in second.text
    assert first.id != second.id


def test_feeds_atom_sniffed_without_suffix(tmp_path: Path) -> None:
    f = tmp_path / "kanal"
    f.write_text(ATOM, encoding="utf-8")
    [doc] = read_path(str(f))
    assert doc.source.url == "https://atom.example.pl/kim"
    assert doc.source.published == "2023-09-13"
    assert doc.text.endswith("Kim Dzong Un spotkał się z Putinem na kosmodromie.")


@pytest.mark.parametrize(
    "xml",
    ["<?xml version='1.0'?><rss><channel><title>Urwany</title><item><title>Kim",
     "<rss version='2.0'><channel><title>Pusty</title></channel></rss>"],
    ids=["broken", "no-entries"],
)
def test_feeds_broken_or_empty_feed_is_an_input_error(tmp_path: Path, xml: str) -> None:
    f = tmp_path / "zly.rss"
    f.write_text(xml, encoding="utf-8")
    with pytest.raises(InputError) as err:
        list(read_path(str(f)))
    assert err.value.path == str(f)


def test_feeds_cut_off_feed_keeps_whole_entries_and_reports_the_rest(tmp_path: Path) -> None:
    from kronika.ingest import iter_documents

    f = tmp_path / "urwany.xml"
    f.write_text(RSS[: RSS.index("<item><title>Saperzy") + 20], encoding="utf-8")
    items = list(iter_documents([str(f)]))
    assert len(items) == 2
    assert items[0].source.title == "Duma za traktatem z KRLD"
    assert isinstance(items[1], InputError) and "cut off after entry 1" in items[1].reason

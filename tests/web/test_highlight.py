"""Server-side highlighting: escaped text, valid nesting, code-point offsets."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from kronika.model import Document, Mention, Quantity, Source, TimeExpr
from kronika.model.quantities import Hedge
from kronika.web.highlight import Span, highlight, quantity_label, spans_of, time_label


class _Balance(HTMLParser):
    """Checks tags close in the order they opened and collects the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"</{tag}> closes out of order"

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> str:
    p = _Balance()
    p.feed(html)
    p.close()
    assert not p.stack
    return "".join(p.text)


def test_highlight_escapes_text_and_titles():
    html = str(highlight('<script>alert("x")</script> Szojgu', [Span(29, 35, "ent", 'PER "<b>"')]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'title="PER &#34;&lt;b&gt;&#34;"' in html
    assert _parse(html) == '<script>alert("x")</script> Szojgu'


def test_highlight_nests_and_reopens_crossing_spans():
    text = "Do obwodu kurskiego trafiło ok. 11 tys. żołnierzy."
    spans = [Span(0, len(text), "event", "troop_deployment", anchor="ev-0"), Span(3, 19, "ent", "LOC"),
             Span(10, 34, "qty", "crossing on purpose")]
    html = str(highlight(text, spans))
    assert _parse(html) == text
    assert html.count('id="ev-0"') == 1  # a reopened span never repeats its id
    assert html.count('class="hl qty"') == 2  # closed at the mention's end, reopened after it


def test_highlight_offsets_are_code_points():
    text = "🙂 Szojgu odwiedził Pjongjang."
    html = str(highlight(text, [Span(2, 8, "ent", "PER"), Span(19, 28, "ent", "LOC")]))
    assert re.findall(r">([^<>]+)</span>", html) == ["Szojgu", "Pjongjang"]


def test_highlight_spans_of_document_explain_values():
    text = "Według Pentagonu we wrześniu 2024 r. wysłano co najmniej 11 tys. żołnierzy."
    doc = Document.create(text, source=Source(published="2024-10-01"))

    def at(surface: str) -> tuple[int, int, str]:
        start = text.index(surface)
        return start, start + len(surface), surface

    doc.mentions = [Mention(*at("Pentagonu"), "ORG", "Pentagon", "org:pentagon")]
    doc.times = [TimeExpr(*at("we wrześniu 2024 r."), "DATE", "2024-09")]
    doc.quantities = [Quantity(*at("co najmniej 11 tys. żołnierzy"), 11000, counted="żołnierz", hedge=Hedge.AT_LEAST)]
    doc.check()
    html = str(highlight(doc.text, spans_of(doc)))
    assert 'title="DATE 2024-09"' in html
    assert 'title="≥ 11000 żołnierz (at_least)"' in html
    assert 'href="/entities/org%3Apentagon"' in html
    assert _parse(html) == text
    assert quantity_label(doc.quantities[0]) == "≥ 11000 żołnierz (at_least)"
    assert time_label(TimeExpr(0, 1, "x", "DATE", None)) == "DATE (unresolved)"

"""Server-side highlighting: the document text as HTML with every annotation marked and explained.

Offsets are Python code points, so highlighting happens here and not in the browser (JS indexes
UTF-16 units: one emoji would shift every later highlight). Spans may nest (a mention inside an
event's evidence sentence) or cross (a quantity that starts inside a date); crossing spans are
closed and reopened so the HTML stays well formed. All text goes through ``escape``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from kronika.model import Document


@dataclass(frozen=True, slots=True)
class Span:
    """One highlight: "Korei Północnej" at 12–27, kind "ent", tooltip "LOC · Korea Północna"."""

    start: int
    end: int
    kind: str  # css class: ent, time, qty, attr, event, trigger
    title: str
    href: str | None = None
    anchor: str | None = None  # element id, so /documents/X#ev-2 scrolls to event 2

    def open(self, first: bool) -> str:
        tag = "a" if self.href else "span"
        attrs = f' class="hl {self.kind}" title="{escape(self.title)}"'
        if self.href:
            attrs += f' href="{escape(self.href)}"'
        if self.anchor and first:
            attrs += f' id="{escape(self.anchor)}"'
        return f"<{tag}{attrs}>"

    def close(self) -> str:
        return "</a>" if self.href else "</span>"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


HEDGE_SIGNS = {"at_least": "≥ ", "more_than": "> ", "at_most": "≤ ", "less_than": "< ", "about": "≈ "}


def quantity_label(q) -> str:
    """"co najmniej 11 tys. żołnierzy" → "≥ 11000 żołnierz (at_least)"."""
    sign = HEDGE_SIGNS.get(str(q.hedge), "")
    value = _num(q.value) + (f"–{_num(q.value_max)}" if q.value_max is not None else "")
    parts = [f"{sign}{value}", q.unit or "", q.counted or "", f"/ {q.per}" if q.per else ""]
    return " ".join(p for p in parts if p) + f" ({q.hedge})"


def time_label(t) -> str:
    """"19 czerwca ubiegłego roku" → "DATE 2024-06-19"; unresolved → "DATE (unresolved)"."""
    value = t.value or "(unresolved)"
    if t.end_value:
        value += f" … {t.end_value}"
    return f"{t.type} {value}" + (" · anchored to publication date" if t.anchored else "")


def event_label(e) -> str:
    """"arms_transfer · reported · 2024-10 · according to Daily NK"."""
    parts = [e.type, str(e.certainty)]
    if e.time is not None and e.time.value:
        parts.append(e.time.value)
    if e.attribution is not None:
        parts.append(f"according to {e.attribution.source_name}")
    return " · ".join(parts)


def spans_of(doc: Document) -> list[Span]:
    """Every highlight of a document, from all annotation layers except tokens and sentences."""
    spans: list[Span] = []
    for i, e in enumerate(doc.events):
        spans.append(Span(e.start, e.end, "event", event_label(e), anchor=f"ev-{i}"))
        spans.append(Span(e.trigger[0], e.trigger[1], "trigger", f"trigger of {e.type}"))
    for a in doc.attributions:
        spans.append(Span(a.start, a.end, "attr", f"source: {a.source_name}"))
    for m in doc.mentions:
        name = doc.entities[m.entity_id].name if m.entity_id in doc.entities else m.base
        href = f"/entities/{quote(m.entity_id, safe='')}" if m.entity_id else None
        spans.append(Span(m.start, m.end, f"ent ent-{m.type.lower()}", f"{m.type} · {name}", href=href))
    for t in doc.times:
        spans.append(Span(t.start, t.end, "time", time_label(t)))
    for i, q in enumerate(doc.quantities):
        spans.append(Span(q.start, q.end, "qty", quantity_label(q), anchor=f"q-{i}"))
    return [s for s in spans if 0 <= s.start < s.end <= len(doc.text)]


def highlight(text: str, spans: list[Span]) -> Markup:
    """Escaped ``text`` with ``spans`` wrapped in tags, nesting kept valid.

    >>> str(highlight("Szojgu w <b>Pjongjangu</b>", [Span(0, 6, "ent", "PER · Siergiej Szojgu")]))
    '<span class="hl ent" title="PER · Siergiej Szojgu">Szojgu</span> w &lt;b&gt;Pjongjangu&lt;/b&gt;'
    """
    # Longer spans open first at the same start, so they enclose the shorter ones; the followed
    # evidence ("focus") encloses an annotation of the very same extent, so it is never split.
    order = sorted(spans, key=lambda s: (s.start, -s.end, s.kind != "focus"))
    points = sorted({p for s in order for p in (s.start, s.end)} | {0, len(text)})
    starts: dict[int, list[Span]] = {}
    for s in order:
        starts.setdefault(s.start, []).append(s)
    out: list[str] = []
    stack: list[Span] = []
    pos = 0
    for p in points:
        out.append(str(escape(text[pos:p])))
        pos = p
        ending = [i for i, s in enumerate(stack) if s.end == p]
        if ending:
            lowest = ending[0]
            for s in reversed(stack[lowest:]):
                out.append(s.close())
            survivors = [s for s in stack[lowest:] if s.end != p]
            del stack[lowest:]
            for s in survivors:  # crossing spans: reopen what we had to close
                out.append(s.open(first=False))
                stack.append(s)
        for s in starts.get(p, ()):
            out.append(s.open(first=True))
            stack.append(s)
    out.append(str(escape(text[pos:])))
    for s in reversed(stack):
        out.append(s.close())
    return Markup("".join(out))

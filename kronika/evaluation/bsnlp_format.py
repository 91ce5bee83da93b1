"""BSNLP shared-task files: raw articles in, annotation (``.out``) files in and out.

A raw file: line 1 id, 2 language, 3 date, 4 URL, 5 title, then the text (the title is text:
entities are annotated in it). An annotation file: line 1 the id, then
``mention<TAB>base<TAB>type<TAB>entity id`` per distinct mention form, e.g.
``Korei Północnej<TAB>Korea Północna<TAB>LOC<TAB>loc:korea-polnocna``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

TYPES = frozenset({"PER", "LOC", "ORG", "PRO", "EVT"})
MISC = "MISC"  # the 2017 shared task's fourth type: what 2019 splits into EVT and PRO (and more)

_BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One raw article: id "pl-10", lang "pl", text = title + "\\n" + body (title offsets start at 0)."""

    id: str
    lang: str
    date: str
    url: str
    text: str
    path: str


@dataclass(frozen=True, slots=True)
class Line:
    """One annotation line, case-folded as the official evaluator compares it."""

    form: str
    base: str
    type: str
    eid: str


def as_2017(lines: list[Line]) -> list[Line]:
    """Response lines in the 2017 scheme: EVT and PRO answers become MISC ("Traktat z Nicei")."""
    return [Line(x.form, x.base, MISC, x.eid) if x.type in ("EVT", "PRO") else x for x in lines]


@dataclass(slots=True)
class OutFile:
    doc_id: str
    lines: list[Line]
    path: str
    warnings: list[str] = field(default_factory=list)


def read_raw(path: Path) -> RawDoc:
    """Parse a raw file; strips the byte-order mark and carriage returns. Missing header lines are empty."""
    text = Path(path).read_text(encoding="utf-8", errors="replace").replace("\r", "")
    text = text.removeprefix(_BOM)
    lines = text.split("\n")
    head = [*lines[:4], *([""] * max(0, 4 - len(lines)))]
    body = "\n".join(lines[4:])
    return RawDoc(head[0].strip(), head[1].strip(), head[2].strip(), head[3].strip(), body, str(path))


def read_out(path: Path, keep_misc: bool = False) -> OutFile:
    """Parse a gold or response file. Malformed lines (not 4 tab columns, a type outside
    PER/LOC/ORG/PRO/EVT, an empty id) are skipped with a warning naming the line; 2017's MISC lines
    are skipped silently unless ``keep_misc``."""
    raw = Path(path).read_text(encoding="utf-8", errors="replace").replace("\r", "").removeprefix(_BOM)
    rows = raw.split("\n")
    out = OutFile(rows[0].strip() if rows else "", [], str(path))
    for n, row in enumerate(rows[1:], start=2):
        if not row.strip():
            continue
        cols = row.split("\t")
        if len(cols) != 4:
            out.warnings.append(f"{path}:{n}: {len(cols)} tab-separated columns, expected 4; line skipped")
            continue
        form, base, typ, eid = (c.strip() for c in cols)
        typ = typ.upper()
        if typ not in TYPES and not (keep_misc and typ == MISC):
            if typ != MISC:  # 2017 gold: MISC is not scored by the official 2019 evaluator
                out.warnings.append(f"{path}:{n}: type {typ!r} is not one of {sorted(TYPES)}; line skipped")
            continue
        if not form or not eid:
            out.warnings.append(f"{path}:{n}: empty mention or entity id; line skipped")
            continue
        out.lines.append(Line(form.lower(), base.lower(), typ, eid.lower()))
    return out


def read_out_dir(folder: Path, keep_misc: bool = False) -> tuple[dict[str, list[Line]], list[str]]:
    """All annotation files of a folder keyed by the document id on line 1 (never by file name)."""
    docs: dict[str, list[Line]] = {}
    warnings: list[str] = []
    for p in sorted(Path(folder).iterdir()):
        if not p.is_file() or p.name.startswith("."):
            continue
        f = read_out(p, keep_misc)
        warnings.extend(f.warnings)
        if not f.doc_id:
            warnings.append(f"{p}:1: no document id; file skipped")
            continue
        docs.setdefault(f.doc_id, []).extend(f.lines)
    return docs, warnings


def format_out(doc_id: str, rows: Iterable[tuple[str, str, str, str]]) -> str:
    """The response file text: the id line, then one line per row (tabs/newlines inside fields become spaces)."""
    def clean(s: str) -> str:
        return " ".join(s.replace("\t", " ").split())

    lines = [doc_id] + ["\t".join(clean(c) for c in row) for row in rows]
    return "\n".join(lines) + "\n"

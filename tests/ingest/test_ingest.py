"""iter_documents / read_path: folders, globs, stdin, mixed good and bad input, the demo corpus."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from kronika.config import Settings
from kronika.errors import InputError
from kronika.ingest import IngestStats, iter_documents, read_path

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "Kim Dzong Un przyjął w Pjongjangu rosyjskiego ministra. Rozmowy dotyczyły dostaw amunicji."


def _split(items) -> tuple[list, list[InputError]]:
    docs = [i for i in items if not isinstance(i, InputError)]
    return docs, [i for i in items if isinstance(i, InputError)]


def test_ingest_mixed_folder_yields_good_documents_and_one_error_per_bad_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "dobry.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "stary.txt").write_bytes("Żołnierze z Północy ćwiczą pod Kurskiem.".encode("cp1250"))
    (tmp_path / "pusty.txt").write_bytes(b"")
    (tmp_path / "obraz.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "urwany.txt").write_bytes("Szojgu w Pjongjangu, ściśle tajne, ż".encode()[:-1])
    (tmp_path / "rekordy.jsonl").write_text('{"text": "Rekord o traktacie."}\nnie json\n', encoding="utf-8")
    (tmp_path / "README.md").write_text("not an article", encoding="utf-8")  # unknown suffix: skipped in folders
    (tmp_path / ".ukryty.txt").write_text("ukryty plik", encoding="utf-8")
    stats = IngestStats()
    docs, errors = _split(list(iter_documents([str(tmp_path)], stats=stats)))
    assert sorted(Path(d.source.path).name for d in docs) == ["dobry.txt", "rekordy.jsonl", "stary.txt"]
    assert sorted(Path(e.path).name for e in errors) == ["obraz.txt", "pusty.txt", "rekordy.jsonl", "urwany.txt"]
    assert next(e for e in errors if e.path.endswith(".jsonl")).where == "line 2"
    assert (stats.files, stats.documents, len(stats.errors)) == (6, 3, 4)
    for d in docs:
        d.check()
        assert d.lang == "pl"


def test_ingest_missing_path_and_empty_glob_are_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    docs, errors = _split(list(iter_documents([str(tmp_path / "brak.txt"), str(tmp_path / "*.html"),
                                               str(tmp_path / "*.txt")])))
    assert len(docs) == 1
    assert [e.reason for e in errors] == ["no such file or directory", "no files match this pattern"]


def test_ingest_exact_duplicates_across_files_collapse(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c.txt").write_text(ARTICLE.replace(" ", "  ") + "\r\n", encoding="utf-8")
    stats = IngestStats()
    docs = list(iter_documents([str(tmp_path)], stats=stats))
    assert len(docs) == 1 and stats.duplicates == 2


def test_ingest_settings_published_fills_missing_dates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(" date 2024-06-20 Putin przyleciał do Pjongjangu.", encoding="utf-8")
    docs = list(iter_documents([str(tmp_path)], Settings(published="2025-01-01")))
    assert [d.source.published for d in docs] == ["2025-01-01", "2024-06-20"]


def test_ingest_stdin_sniffs_the_format(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.dumps({"text": ARTICLE, "url": "https://x.example.pl/1"}).encode() + b"\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [doc] = read_path("-")
    assert doc.source.url == "https://x.example.pl/1" and doc.source.path == "<stdin>"


def test_ingest_size_cap_from_settings(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    [err] = list(iter_documents([str(f)], Settings(max_input_bytes=10)))
    assert isinstance(err, InputError) and err.path == str(f) and "cap" in err.reason


def test_ingest_demo_corpus_all_formats_no_errors() -> None:
    stats = IngestStats()
    docs, errors = _split(list(iter_documents([str(ROOT / "demo")], stats=stats)))
    assert errors == []
    assert 10 <= len(docs) <= 15 and stats.near_duplicates == 0
    suffixes = {Path(d.source.path).suffix for d in docs}
    assert suffixes == {".txt", ".jsonl", ".xml", ".html"}
    langs = [d.lang for d in docs]
    assert 2 <= langs.count("en") <= 3 and langs.count("pl") == len(docs) - langs.count("en")
    for d in docs:
        d.check()
        assert 150 <= len(d.text.split()) <= 360, d.source.path
        assert d.source.title
    undated = [d for d in docs if not d.source.published]
    assert len(undated) <= 1
    assert all(d.source.url and d.source.outlet for d in docs if not d.source.path.endswith(".txt"))


def test_ingest_path_objects_become_strings(tmp_path):
    from pathlib import Path

    from kronika.ingest import iter_documents, read_path

    f = tmp_path / "a.txt"
    f.write_text("Korea Północna wysłała żołnierzy do Rosji.", encoding="utf-8")
    docs = [d for d in iter_documents([Path(tmp_path)]) if not isinstance(d, Exception)]
    assert docs and all(isinstance(d.source.path, str) for d in docs)
    assert isinstance(next(read_path(Path(f))).source.path, str)

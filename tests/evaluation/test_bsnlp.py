"""BSNLP metrics on tiny hand-made gold/response files with hand-computed scores, and a
predict-and-score run on a few real Polish documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from kronika.evaluation.bsnlp import Corpus, lea, score
from kronika.evaluation.bsnlp_format import MISC, as_2017, format_out, read_out, read_out_dir, read_raw

GOLD = """d1
Korei Północnej\tKorea Północna\tLOC\tK
KRLD\tKRLD\tLOC\tK
Kim Dzong Una\tKim Dzong Un\tPER\tKIM
Moskwie\tMoskwa\tLOC\tM
"""
RESPONSE = """d1
Korei\tKorea\tLOC\ta
KRLD\tKRLD\tLOC\ta
Kim Dzong Una\tKim Dzong Un\tORG\tb
Moskwie\tMoskwa\tLOC\tc
Seul\tSeul\tLOC\td
"""


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def _report(tmp_path: Path, gold: str, response: str, typ: str = "ALL"):
    _write(tmp_path / "gold", "a.out", gold)
    _write(tmp_path / "resp", "whatever-name.out", response)
    g, _ = read_out_dir(tmp_path / "gold")
    r, _ = read_out_dir(tmp_path / "resp")
    rep = score([Corpus("t", "pl", g, r)])
    return {m: by_type[typ] for m, by_type in rep.scores.items()}


def test_bsnlp_relaxed_partial_counts_shared_whole_words(tmp_path):
    s = _report(tmp_path, GOLD, RESPONSE)["relaxed_partial"]
    # gold entities K, KIM, M: K found ("korei" shares a word), KIM only as ORG (wrong type), M found
    assert (s.r_hit, s.r_all) == (2, 3)
    # answers: korei ✓, krld ✓, kim dzong una/ORG ✗, moskwie ✓, seul ✗
    assert (s.p_hit, s.p_all) == (3, 5)


def test_bsnlp_relaxed_exact_needs_an_identical_form(tmp_path):
    s = _report(tmp_path, GOLD, RESPONSE)["relaxed_exact"]
    assert (s.r_hit, s.r_all) == (2, 3)  # K through "krld", M
    assert (s.p_hit, s.p_all) == (2, 5)  # "korei" alone no longer counts


def test_bsnlp_strict_scores_every_distinct_form(tmp_path):
    s = _report(tmp_path, GOLD, RESPONSE)["strict"]
    assert (s.r_hit, s.r_all, s.p_hit, s.p_all) == (2, 4, 2, 5)
    assert s.precision == pytest.approx(0.4) and s.recall == pytest.approx(0.5)
    assert s.f1 == pytest.approx(2 * 0.4 * 0.5 / 0.9)


def test_bsnlp_normalization_scores_only_changed_base_forms(tmp_path):
    s = _report(tmp_path, GOLD, RESPONSE)["normalization"]
    # gold changed: korei północnej, kim dzong una, moskwie (krld unchanged: not an item)
    assert s.r_all == 3 and s.r_hit == 2
    # response changed: korei→korea (not in gold), kim dzong una ✓, moskwie ✓
    assert s.p_all == 3 and s.p_hit == 2


def test_bsnlp_copying_the_mention_scores_zero_normalization(tmp_path):
    copy = "d1\n" + "".join(f"{f}\t{f}\t{t}\tx{i}\n" for i, (f, t) in
                            enumerate([("Korei Północnej", "LOC"), ("Kim Dzong Una", "PER")]))
    s = _report(tmp_path, GOLD, copy)
    assert s["normalization"].f1 == 0.0 and s["strict"].r_hit == 2


def test_bsnlp_per_type_filters_both_sides(tmp_path):
    s = _report(tmp_path, GOLD, RESPONSE, typ="PER")["strict"]
    assert (s.r_hit, s.r_all, s.p_all) == (0, 1, 0)


def test_bsnlp_lea_matches_the_paper_example():
    # Moosavi & Strube 2016, section 4: key {a,b,c},{d,e,f,g}; response {a,b},{c,d},{f,g,h,i}.
    key = {("d", m): "k1" for m in "abc"} | {("d", m): "k2" for m in "defg"}
    resp = {("d", m): "r1" for m in "ab"} | {("d", m): "r2" for m in "cd"} | {("d", m): "r3" for m in "fghi"}
    s = lea(key, resp, importance=lambda n: n)
    assert s.recall == pytest.approx((3 * 1 / 3 + 4 * 1 / 6) / 7)
    assert s.precision == pytest.approx((2 * 1 + 2 * 0 + 4 * 1 / 6) / 8)


def test_bsnlp_document_linking_uses_log2_importance(tmp_path):
    gold = "d1\nSzojgu\tSzojgu\tPER\tS\nSiergiej Szojgu\tSiergiej Szojgu\tPER\tS\nMoskwa\tMoskwa\tLOC\tM\n"
    together = "d1\nSzojgu\tSzojgu\tPER\tx\nSiergiej Szojgu\tSiergiej Szojgu\tPER\tx\nMoskwa\tMoskwa\tLOC\ty\n"
    apart = "d1\nSzojgu\tSzojgu\tPER\tx\nSiergiej Szojgu\tSiergiej Szojgu\tPER\tz\nMoskwa\tMoskwa\tLOC\ty\n"
    assert _report(tmp_path / "1", gold, together)["linking_document"].f1 == pytest.approx(1.0)
    s = _report(tmp_path / "2", gold, apart)["linking_document"]
    assert s.recall == 0.0 and s.r_all == pytest.approx(1.0)  # singletons weigh log2(1) = 0


def test_bsnlp_cross_document_linking_needs_shared_ids(tmp_path):
    gold = {"d1": read_out_text("d1\nSzojgu\tSzojgu\tPER\tS\n"), "d2": read_out_text("d2\nSzojgu\tSzojgu\tPER\tS\n")}
    same = {"d1": read_out_text("d1\nSzojgu\tSzojgu\tPER\tp\n"), "d2": read_out_text("d2\nSzojgu\tSzojgu\tPER\tp\n")}
    diff = {"d1": read_out_text("d1\nSzojgu\tSzojgu\tPER\tp\n"), "d2": read_out_text("d2\nSzojgu\tSzojgu\tPER\tq\n")}
    assert score([Corpus("t", "pl", gold, same)]).scores["linking_language"]["ALL"].f1 == pytest.approx(1.0)
    assert score([Corpus("t", "pl", gold, diff)]).scores["linking_language"]["ALL"].f1 == 0.0


def test_bsnlp_crosslingual_counts_only_links_between_languages():
    key = {("pl1", "a"): "k", ("pl1", "b"): "k", ("cs1", "c"): "k"}
    resp = {("pl1", "a"): "r", ("cs1", "c"): "r", ("pl1", "b"): "s"}
    s = lea(key, resp, langs={"pl1": "pl", "cs1": "cs"})
    assert s.recall == pytest.approx(0.5)  # cross links a–c, b–c; only a–c found
    assert s.precision == pytest.approx(1.0)  # the one response cross link a–c is right


def test_bsnlp_missing_response_is_skipped_not_scored(tmp_path):
    _write(tmp_path / "gold", "a.out", GOLD)
    _write(tmp_path / "gold", "b.out", "d2\nSeul\tSeul\tLOC\tS\n")
    _write(tmp_path / "resp", "a.out", GOLD)
    g, _ = read_out_dir(tmp_path / "gold")
    r, _ = read_out_dir(tmp_path / "resp")
    rep = score([Corpus("t", "pl", g, r)])
    assert rep.missing == ["t/pl/d2"] and rep.documents == 1
    assert rep.scores["strict"]["ALL"].f1 == pytest.approx(1.0)


def test_bsnlp_reader_strips_bom_skips_misc_and_reports_bad_lines(tmp_path):
    p = tmp_path / "g.out"
    p.write_text("\ufeff11\r\npolskę\tpolska\tLOC\t20002\r\nunia\tunia\tMISC\t9\r\nzła linia bez tabów\r\n",
                 encoding="utf-8")
    f = read_out(p)
    assert f.doc_id == "11" and [x.form for x in f.lines] == ["polskę"]
    assert len(f.warnings) == 1 and f"{p}:4" in f.warnings[0]


def test_bsnlp_2017_scheme_scores_misc_and_counts_evt_pro_answers_as_misc(tmp_path):
    _write(tmp_path / "gold", "a.out", "d1\nTraktatu z Nicei\tTraktat z Nicei\tMISC\tT\nPolsce\tPolska\tLOC\tP\n")
    _write(tmp_path / "resp", "a.out", "d1\nTraktatu z Nicei\tTraktat z Nicei\tPRO\tt\nPolsce\tPolska\tLOC\tp\n")
    r, _ = read_out_dir(tmp_path / "resp")
    # 2019 scheme: the gold MISC line is dropped and the PRO answer counts against precision.
    g, _ = read_out_dir(tmp_path / "gold")
    s = score([Corpus("t", "pl", g, r)]).scores["strict"]["ALL"]
    assert (s.p_hit, s.p_all, s.r_hit, s.r_all) == (1, 2, 1, 1)
    # 2017 scheme: MISC is a type of its own on both sides.
    g, _ = read_out_dir(tmp_path / "gold", keep_misc=True)
    r = {d: as_2017(lines) for d, lines in r.items()}
    rep = score([Corpus("t", "pl", g, r)], ("PER", "LOC", "ORG", MISC, "ALL"))
    s = rep.scores["strict"]["ALL"]
    assert (s.p_hit, s.p_all, s.r_hit, s.r_all) == (2, 2, 2, 2)
    assert rep.scores["strict"][MISC].f1 == pytest.approx(1.0)


def test_bsnlp_raw_reader_keeps_title_as_text(tmp_path):
    p = tmp_path / "pl-1.txt"
    p.write_bytes("\ufeffpl-1\npl\n2024-06-19\nhttp://x\nTytuł o KRLD\r\n\r\nTreść akapitu.\r\n".encode())
    raw = read_raw(p)
    assert (raw.id, raw.lang, raw.url) == ("pl-1", "pl", "http://x")
    assert raw.text.startswith("Tytuł o KRLD\n") and "\r" not in raw.text


def test_bsnlp_format_out_keeps_four_columns():
    text = format_out("pl-1", [("Kim\tDzong", "Kim Dzong", "PER", "per:kim")])
    assert text.splitlines() == ["pl-1", "Kim Dzong\tKim Dzong\tPER\tper:kim"]


def read_out_text(text: str):
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".out", delete=False, encoding="utf-8") as f:
        f.write(text)
    try:
        return read_out(Path(f.name)).lines
    finally:
        Path(f.name).unlink()


@pytest.mark.shared
def test_bsnlp_predict_and_score_on_polish_documents(shared_dir, tmp_path):
    from kronika.evaluation.bsnlp_predict import predict_dir

    topic = shared_dir / "data" / "bsnlp" / "trump"
    if not topic.is_dir():
        pytest.skip(f"{topic} not found")
    raw = tmp_path / "raw"
    raw.mkdir()
    for p in sorted((topic / "raw" / "pl").iterdir())[:6]:
        (raw / p.name).write_bytes(p.read_bytes())
    written = predict_dir(raw, tmp_path / "out")
    assert [p.name for p in written] == [f"{p.name}.out" for p in sorted(raw.iterdir())]
    gold, _ = read_out_dir(topic / "annotated" / "pl")
    resp, _ = read_out_dir(tmp_path / "out")
    assert set(resp) <= set(gold)
    rep = score([Corpus("trump", "pl", {k: gold[k] for k in resp}, resp)])
    assert rep.documents == 6
    # Far below our measured figures; catches a broken pipeline, not a small regression (the gate does that).
    assert rep.scores["relaxed_partial"]["ALL"].f1 > 0.6
    assert rep.scores["linking_document"]["ALL"].f1 > 0.4


def test_bsnlp_evaluate_refuses_a_baseline_name_that_is_a_path(tmp_path):
    from typer.testing import CliRunner

    from kronika.cli import app

    result = CliRunner().invoke(app, ["evaluate", "bsnlp", "--data", str(tmp_path), "--topic", "x",
                                      "--baseline", "../../etc/passwd", "--check"])
    assert result.exit_code != 0
    assert "--baseline" in result.output and "letters, digits" in result.output

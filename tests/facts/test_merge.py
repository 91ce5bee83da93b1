from __future__ import annotations

from kronika.facts.merge import Report, merge_reports
from kronika.model import Certainty, Event, Hedge, Quantity, Role, TimeExpr

TEXT = "Korea Północna wysłała do Rosji żołnierzy."


def _event(certainty=Certainty.REPORTED, value=11000.0, time="2024-10", recipient="loc:rosja", etype="DEPLOYMENT"):
    roles = (Role("agent", 0, 14, "Korea Północna", "loc:korea-polnocna"),
             Role("recipient", 26, 31, "Rosji", recipient))
    q = Quantity(32, 41, "żołnierzy", value, None, None, "żołnierz", Hedge.EXACT)
    t = TimeExpr(0, 1, "K", "DATE", time) if time else None
    return Event(etype, 0, len(TEXT), TEXT, (15, 22), roles, t, (q,), None, certainty)


def _report(doc_id, outlet, ev):
    return Report(doc_id, outlet, f"https://example.org/{doc_id}", "2024-11-01", None, ev)


def test_merge_same_event_from_two_outlets_is_corroborated():
    merged = merge_reports([_report("a", "PAP", _event()), _report("b", "Reuters", _event(time="2024-10-20"))])
    assert len(merged) == 1
    assert merged[0].corroboration == 2 and not merged[0].conflicts
    assert merged[0].time == "2024-10-20"


def test_merge_flags_conflicting_figures_and_certainty():
    merged = merge_reports([_report("a", "PAP", _event(value=11000)),
                            _report("b", "TASS", _event(value=3000, certainty=Certainty.DENIED))])
    assert len(merged) == 1
    text = " ".join(merged[0].conflicts)
    assert "11 000" in text and "3 000" in text and "contradicting certainty" in text


def test_merge_keeps_different_events_apart():
    merged = merge_reports([_report("a", "PAP", _event()), _report("b", "PAP", _event(time="2023-05")),
                            _report("c", "PAP", _event(etype="ARMS_TRANSFER"))])
    assert len(merged) == 3


def test_merge_never_rewrites_reports():
    reports = [_report("a", "PAP", _event()), _report("b", "BBC", _event())]
    before = [r.event for r in reports]
    merged = merge_reports(reports)
    assert [r.event for r in merged[0].reports] == before
    assert {r.doc_id for r in merged[0].reports} == {"a", "b"}


def _visit(agent_id, time, place="loc:rosja"):
    roles = (Role("agent", 0, 5, "Agent", agent_id), Role("place", 10, 15, "Rosji", place))
    t = TimeExpr(0, 1, "K", "DATE", time) if time else None
    return Event("VISIT", 0, len(TEXT), TEXT, (6, 9), roles, t, (), None, Certainty.ASSERTED)


def test_merge_a_shared_country_does_not_make_one_event():
    merged = merge_reports([_report("a", "PAP", _visit("per:kim", "2023-09")),
                            _report("b", "TASS", _visit("per:szojgu", "2023-09"))])
    assert len(merged) == 2


def test_merge_an_undated_report_does_not_chain_two_years():
    merged = merge_reports([_report("a", "PAP", _visit("per:szojgu", "2023-07")),
                            _report("b", "TASS", _visit("per:szojgu", None)),
                            _report("c", "BBC", _visit("per:szojgu", "2025-06"))])
    assert sorted(m.time or "" for m in merged) == ["2023-07", "2025-06"]
    assert sum(len(m.reports) for m in merged) == 3

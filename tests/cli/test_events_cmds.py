"""`kronika timeline` over a store built from the seed articles lists issue 5's dated events in date
order; `kronika evaluate events` scores several case files and gates them."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from kronika.cli import app
from tests.conftest import ROOT


def _run(args: list[str]) -> str:
    result = CliRunner().invoke(app, args, terminal_width=250, env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.output


def test_events_cmds_timeline_over_seeds_in_date_order(seeds_dir, tmp_path):
    store = f"sqlite:///{tmp_path / 'seeds.db'}"
    seeds = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    # Four seeds carry no date: two were published in June 2025 and two in September 2023.
    _run(["run", seeds[1], seeds[3], "--published", "2025-06-20", "--store", store])
    _run(["run", seeds[0], seeds[2], seeds[4], "--published", "2023-09-13", "--store", store])
    out = _run(["timeline", "--store", store])
    rows = re.findall(r"^│ (\S+)\s+│ ([A-Z_]+)\s+│", out, flags=re.M)
    dated = [when for when, _ in rows if when != "?"]
    assert dated == sorted(dated), dated
    wanted = [("2023-07", "VISIT"), ("2024-06-19", "AGREEMENT"), ("2024-10-01", "DIRECTIVE"),
              ("2024-11", "AGREEMENT"), ("2025-06-17", "VISIT")]
    positions = [rows.index(w) for w in wanted]  # ValueError names a missing event
    assert positions == sorted(positions), rows
    undated = {etype for when, etype in rows if when == "?"}
    assert {"DEPLOYMENT", "CASUALTIES"} <= undated


def test_events_cmds_timeline_filters_by_type(seeds_dir, tmp_path):
    store = f"sqlite:///{tmp_path / 'seeds.db'}"
    _run(["run", *sorted(str(p) for p in seeds_dir.glob("003_*.txt")), "--published", "2025-06-20",
          "--store", store])
    out = _run(["timeline", "--type", "agreement", "--since", "2024", "--store", store])
    rows = re.findall(r"^│ (\S+)\s+│ ([A-Z_]+)\s+│", out, flags=re.M)
    assert rows and {etype for _, etype in rows} == {"AGREEMENT"}
    assert all(when != "?" and when >= "2024" for when, _ in rows)


def test_events_cmds_evaluate_several_files_and_check(tmp_path):
    cases = ROOT / "tests" / "cases"
    out = _run(["evaluate", "events", "--cases", str(cases / "events.yaml"), "--cases",
                str(cases / "events_heldout.yaml"), "--errors", "3"])
    assert "events.yaml" in out and "events_heldout.yaml" in out and "all files" in out
    assert "role accuracy" in out


def test_events_cmds_timeline_shows_base_forms_of_linked_roles(tmp_path):
    article = tmp_path / "spotkanie.txt"
    article.write_text("Władimir Putin spotkał się w poniedziałek w Moskwie z Kim Dzong Unem.\n", encoding="utf-8")
    store = f"sqlite:///{tmp_path / 'k.db'}"
    _run(["run", str(article), "--store", store, "--published", "2025-03-12"])
    out = _run(["timeline", "--entity", "Kim Dzong Un", "--store", store])
    assert "MEETING" in out
    roles = next(line for line in out.splitlines() if "MEETING" in line).split("│")[3]
    assert "Kim Dzong Un" in roles and "Unem" not in roles, roles  # base form, not the inflected text

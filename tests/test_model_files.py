"""KRONIKA_MODELS_DIR: trained models read from another folder, or a clear error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kronika.errors import ConfigError
from kronika.language import inflect
from kronika.model_files import MODELS_DIR_ENV, model_file

PACKAGE_MODELS = Path(inflect.__file__).resolve().parents[1] / "models"


def test_packaged_files_without_the_variable(monkeypatch):
    monkeypatch.delenv(MODELS_DIR_ENV, raising=False)
    assert model_file("mentions-pl.crfsuite") is not None
    assert model_file("no-such-model.bin") is None  # the rule path runs without it


def test_the_variable_points_at_another_folder(monkeypatch, tmp_path):
    # A one-rule guesser file: the rules read must be exactly this file's, not the package's.
    (tmp_path / inflect.GUESSER_FILE).write_text("# header\nPER\tzyx\t1\ta\t9\t9\n", "utf-8")
    monkeypatch.setenv(MODELS_DIR_ENV, str(tmp_path))
    inflect.guesser_rules.cache_clear()
    try:
        assert inflect.guesser_rules() == {("PER", "zyx"): (1, "a", 1.0)}
    finally:
        monkeypatch.delenv(MODELS_DIR_ENV)
        inflect.guesser_rules.cache_clear()
    assert len(inflect.guesser_rules()) > 100


def test_a_file_missing_from_the_folder_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv(MODELS_DIR_ENV, str(tmp_path))
    with pytest.raises(ConfigError, match=r"mentions-pl\.crfsuite: model file not found"):
        model_file("mentions-pl.crfsuite")


def test_the_command_line_reports_it_in_one_line(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("1\npl\n2024-06-19\nhttp://x\nKim Dzong Un przyjął Putina w Pjongjangu.\n", "utf-8")
    shutil.copy(PACKAGE_MODELS / inflect.GUESSER_FILE, tmp_path / inflect.GUESSER_FILE)  # no CRF file
    env = {"PATH": "/usr/bin:/bin", MODELS_DIR_ENV: str(tmp_path)}
    r = subprocess.run([sys.executable, "-m", "kronika", "bsnlp", "predict", str(raw), str(tmp_path / "out")],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 2
    assert "mentions-pl.crfsuite: model file not found" in r.stderr + r.stdout
    assert "Traceback" not in r.stderr

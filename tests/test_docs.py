"""The README documents every CLI command and every setting, and opens with the two commands."""

from __future__ import annotations

import re

import typer.main

from kronika.cli import app
from kronika.config import ENV_KEYS, Settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command_paths(group, prefix: str = "") -> list[str]:
    click_group = typer.main.get_command(group) if not hasattr(group, "commands") else group
    out = []
    for name, cmd in click_group.commands.items():
        path = f"{prefix} {name}".strip()
        if hasattr(cmd, "commands"):
            out.extend(_command_paths(cmd, path))
        else:
            out.append(path)
    return out


def test_docs_every_command_in_readme():
    missing = [c for c in _command_paths(app) if f"kronika {c}" not in README]
    assert not missing, f"commands missing from README: {missing}"


def test_docs_every_setting_in_readme():
    missing = [k for k in Settings.model_fields if f"`{k}`" not in README]
    missing += [k for k in ENV_KEYS if k not in README]
    assert not missing, f"settings missing from README: {missing}"


def test_docs_readme_opens_with_two_commands():
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", README, re.S)
    assert len(blocks) >= 2
    assert "kronika run demo" in blocks[0]
    assert "pytest" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].strip() in ci, ".ci/run must run README command (b) verbatim"

"""Headless modules never import Textual; every command has help with an example."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from factcheck.cli import cli

HEADLESS = [
    "factcheck.cli",
    "factcheck.schema",
    "factcheck.lexicon",
    "factcheck.store",
    "factcheck.ingest",
    "factcheck.dedup",
    "factcheck.agreement",
    "factcheck.review",
    "factcheck.export",
    "factcheck.importer",
    "factcheck.merge",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_module_does_not_load_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output

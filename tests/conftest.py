"""Test-wide settings: hypothesis runs are derandomised so every run is the same."""

from __future__ import annotations

from hypothesis import settings

settings.register_profile("factcheck", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("factcheck")

pytest_plugins = ["tui_fixtures"]

"""Adjudication of disagreements into gold labels (the TUI is in ``app``; ``accept`` is headless)."""

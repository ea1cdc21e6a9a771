"""Adjudication of disagreements into gold labels, on screen (the logic is in ``factcheck.review``)."""

"""Export formats beyond the JSONL contract: csv, claimreview, checkthat and fever."""

"""Speed benchmarks, run from a checkout (`python -m bench`, `python -m bench --ingest`); not in the wheel."""

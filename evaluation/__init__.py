"""Measurement and training, run from a checkout (`python -m evaluation.qa`, ...); not in the wheel."""

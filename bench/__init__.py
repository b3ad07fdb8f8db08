"""Benchmarks: the encrypted vault beside a plain SQLite file, through the same services.

Run `python -m bench` (or `make bench`); `--quick` for a smoke run. Prints figures and
ratios against the targets in docs/performance.md; it asserts nothing.
"""

"""Benchmarks, run with `make bench`; each writes JSON into bench-results/."""

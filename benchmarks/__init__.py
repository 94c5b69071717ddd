"""Benchmarks at scale: bulk data, query counts, page latency, Excel export, deadline rush.

Run with `make bench` or `python -m benchmarks.run --help`. Never part of the test suite.
"""

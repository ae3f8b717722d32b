"""The benchmark behind ``scripts/bench.py``: synthetic trees, measurements, the report."""

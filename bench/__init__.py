"""`make bench`: the scenario's database at full scale, every step timed (see docs/benchmarks.md)."""

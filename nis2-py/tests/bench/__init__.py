"""Comparators of the benchmarks."""

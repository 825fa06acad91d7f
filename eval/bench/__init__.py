"""Benchmarks that print tables (no timed assertions anywhere in the tests)."""

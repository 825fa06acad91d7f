"""The evaluation layer: suites, scorers and gold sets that measure retrieval and answers.

It sits above ``assistant/`` and ``index/``; ``claimtrace eval`` runs its suites, and
``bench/`` holds the benchmarks that print tables.
"""

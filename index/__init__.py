"""The index layer: articles → read/clean → attribute claims → chunk → embed → store.

The bottom layer: it imports nothing from ``assistant/``, ``eval/`` or ``claimtrace/``.
"""

"""The assistant layer: question → retrieve → evidence → cited answer → CLI, web page or API.

It sits on ``index/`` (which never imports it); ``eval/`` and ``claimtrace/`` sit above it.
"""

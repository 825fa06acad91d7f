"""The command-line interface: ``claimtrace index``, ``attribute``, ``ask`` and ``chat``.

Sits on top of the answering core (``assistant/``), which never imports it. ``main.make_cli``
builds the command group; ``claimtrace/cli.py`` adds the eval layer's ``eval`` to it.
"""

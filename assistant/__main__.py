"""``python -m assistant`` runs the claimtrace CLI."""

from .cli import main

main()

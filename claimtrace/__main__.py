"""``python -m claimtrace`` runs the claimtrace command line."""

from .cli import main

main()

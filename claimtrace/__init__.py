"""claimtrace's top: the command line composed from each layer's commands."""

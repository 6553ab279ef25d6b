"""The ``roster`` command: parses arguments and calls the jobs."""

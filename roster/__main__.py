"""``python -m roster``."""

from roster.cli.app import app

app()

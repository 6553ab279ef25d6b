"""``python -m roster``."""

from roster.cli import app

app()

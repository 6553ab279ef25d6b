"""The office's page (``roster serve``): FastAPI, Jinja2 templates, HTMX, SQLite (design §9)."""

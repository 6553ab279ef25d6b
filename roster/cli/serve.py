"""``roster serve``: the office's page. Parses the options and starts the server; the page
itself is :mod:`roster.web`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def default_data_dir() -> Path:
    """The per-user data folder (``~/.local/share/roster`` on Linux)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("roster", appauthor=False))


def serve(
    host: Annotated[
        str,
        typer.Option("--host", help="Address to listen on. Other than loopback needs --token."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data", help="Folder of the store (roster.db). Default: the per-user data folder."
        ),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="ROSTER_TOKEN",
            help="The token every request must carry (sign-in form or Authorization: Bearer).",
        ),
    ] = None,
) -> None:
    """The office's page: upload a plan, solve, repair, check, publish, in a browser.

    Exit status: 2 when --host is not loopback and there is no token.
    """
    from roster.web.security import is_loopback

    loopback = is_loopback(host)
    if not loopback and not token:
        typer.echo(
            f"roster serve: refusing to listen on {host} without a token: the page holds "
            "health data. Give --token T (or ROSTER_TOKEN), or keep --host 127.0.0.1.",
            err=True,
        )
        raise typer.Exit(2)
    import uvicorn

    from roster.web.app import create_app

    folder = data or default_data_dir()
    app = create_app(folder, token or None, loopback=loopback)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    typer.echo(f"roster serve: http://{shown}:{port}/  (data: {folder / 'roster.db'})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")

"""The ``roster`` command. It only parses arguments, calls the library and prints.

Exit status: 0 all well; 1 a roster with hard violations or critical gaps (``check``), or no
roster found; 2 bad input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Duty rosters for small offices: generate, repair, check.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

PlanArg = Annotated[
    Path,
    typer.Argument(help="A plan folder (plan.toml + CSV files) or an .xlsx workbook.", show_default=False),
]
LangOpt = Annotated[str | None, typer.Option("--lang", help="zh or en (default: from the plan's title).")]


@app.command()
def validate(plan: PlanArg, lang: LangOpt = None) -> None:
    """Check a plan and print a one-screen summary; list every problem found."""
    raise typer.Exit(2)


@app.command()
def solve(plan: PlanArg) -> None:
    """Generate the roster of a plan."""
    raise typer.Exit(2)


def main() -> None:
    """Entry point."""
    app()

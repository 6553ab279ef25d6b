"""What the commands share: common arguments, the language chosen, dates typed on the
command line, and bad input turned into exit status 2 with every problem listed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated

import typer

from roster.io.write import OutputError
from roster.plan.validate import PlanError
from roster.text.i18n import LANGS, Lang, default_lang

PlanArg = Annotated[
    Path,
    typer.Argument(
        help="A plan folder (plan.toml + CSV files) or an .xlsx workbook.", show_default=False
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang", help="zh or en (default: roster --lang, then ROSTER_LANG, then the plan's title)."
    ),
]
_SEED = "Random seed: same plan, seed and --time-limit, same roster only with --deterministic."
SeedOpt = Annotated[int, typer.Option("--seed", help=_SEED)]
_DETERMINISTIC = (
    "Same plan, seed and --time-limit, same roster (same machine and OR-Tools version): one "
    "worker, the limit counted in CP-SAT's deterministic time (about seconds of work on a "
    "typical machine; longer on a slow or busy one), not on the clock."
)
DeterministicOpt = Annotated[bool, typer.Option("--deterministic", help=_DETERMINISTIC)]


#: ``roster --lang`` (or ``ROSTER_LANG``), for the command that runs after it.
global_lang: ContextVar[str | None] = ContextVar("global_lang", default=None)


def parse_day_or_moment(text: str, option: str) -> dt.date | dt.datetime:
    """A date, or a date-time when a time is given."""
    value = text.strip().replace("T", " ")
    try:
        if len(value) <= 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f'{option} "{text}": expected YYYY-MM-DD or "YYYY-MM-DD HH:MM"') from None


def parse_moment(text: str, option: str, *, end_of_day: bool) -> dt.datetime:
    """A date (the whole day: its start, or with ``end_of_day`` the next midnight) or a
    date-time."""
    value = text.strip().replace("T", " ")
    try:
        if len(value) <= 10:
            day = dt.date.fromisoformat(value)
            return dt.datetime.combine(day + dt.timedelta(days=int(end_of_day)), dt.time())
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f'{option} "{text}": expected YYYY-MM-DD or "YYYY-MM-DD HH:MM"') from None


@contextmanager
def exit_on_errors(lang: Lang | None) -> Iterator[None]:
    """Bad input or an output that would overwrite an input: exit 2 with every problem
    listed; a roster the rules reject (a bug): exit 3."""
    from roster.jobs.solve import RosterBug

    try:
        yield
    except PlanError as error:
        print_problems(error, lang)
        raise typer.Exit(2) from None
    except OutputError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    except RosterBug as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(3) from None


def chosen_lang(value: str | None) -> Lang | None:
    """The chosen language: the command's ``--lang``, else the global one (or
    ``ROSTER_LANG``); None leaves it to the plan's title."""
    if value is None:
        value = global_lang.get()
    if value is None:
        return None
    if value not in LANGS:
        typer.echo(f"--lang must be one of {', '.join(LANGS)}, not {value!r}", err=True)
        raise typer.Exit(2)
    return value


def print_problems(error: PlanError, lang: Lang | None) -> None:
    chosen = lang or default_lang(error.title)
    for problem in error.problems:
        typer.echo(problem.render(chosen), err=True)

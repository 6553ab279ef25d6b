"""``roster batch``: a whole city's unit plans at once on Dask. It parses arguments, calls
:func:`roster.batch.run.run_batch` and prints; nothing else.

Exit status: 0 every valid unit solved with its critical posts covered (invalid plans are
listed and in ``city.csv``); 1 otherwise (a unit failed or left critical posts short, or
Ctrl-C); 2 bad input (PLANS missing or without units, a scheduler that cannot be reached).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from roster.cli.options import DeterministicOpt, LangOpt, SeedOpt, chosen_lang
from roster.text.i18n import Lang, label

if TYPE_CHECKING:
    from roster.batch.run import BatchProgress, BatchSummary


def batch(
    plans: Annotated[
        Path,
        typer.Argument(
            help="A folder of unit plans: sub-folders (plan folders) and .xlsx workbooks.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option("--out", help="Folder for OUT/<unit>/, city.csv and city.html."),
    ] = Path("city-out"),
    time_limit: Annotated[
        float | None,
        typer.Option(
            "--time-limit",
            help="Seconds per unit, reading to written files (as roster solve's). Without "
            "it each solve ends by itself once every tier is proven and the wishes stop "
            "improving.",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            min=1,
            help="Worker processes of the local Dask cluster (default: half the cores, so "
            "that each solve has the two CP-SAT workers it is tuned for).",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="An existing Dask scheduler (tcp://host:8786) instead of a local cluster.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="CP-SAT workers per solve (default: cores / --jobs locally; 2 on a "
            "--scheduler cluster: start its workers with --nthreads of half the cores).",
        ),
    ] = None,
    seed: SeedOpt = 0,
    deterministic: DeterministicOpt = False,
    lang: LangOpt = None,
) -> None:
    """Solve every unit's plan in PLANS on Dask: OUT/<unit>/ as roster solve writes it,
    OUT/city.csv and OUT/city.html (night-watch holes and spare people per unit). A rerun
    skips unchanged units; Ctrl-C keeps finished ones.

    Exit status: 0 every valid unit solved with its critical posts covered; 1 otherwise;
    2 bad input.
    """
    from roster.batch.run import SOLVE_WORKERS, default_jobs, run_batch, solve_workers
    from roster.batch.task import BatchOptions
    from roster.batch.units import BatchInputError
    from roster.io.write import OutputError

    chosen = chosen_lang(lang)
    shown: Lang = chosen or "zh"
    if not scheduler:
        jobs = jobs or default_jobs()
    if workers is None:
        workers = SOLVE_WORKERS if scheduler else solve_workers(jobs or 1)
    options = BatchOptions(
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        deterministic=deterministic,
        lang=chosen,
    )
    line = _LiveLine(shown)
    try:
        with line:
            summary = run_batch(
                plans,
                out,
                options,
                jobs=jobs,
                scheduler=scheduler,
                on_progress=line.update,
                lang=shown,
            )
    except (BatchInputError, OutputError) as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    for text in _summary_lines(summary, shown):
        typer.echo(text)
    raise typer.Exit(summary.exit_code)


class _LiveLine:
    """One live line on stderr (rich): done / running / failed, and the dashboard."""

    def __init__(self, lang: Lang) -> None:
        from rich.console import Console
        from rich.live import Live

        self.lang = lang
        self.console = Console(stderr=True)
        self.live = Live("", console=self.console, transient=False, auto_refresh=False)
        self.shown_dashboard = False

    def __enter__(self) -> _LiveLine:
        self.live.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.live.__exit__(None, None, None)
        if not self.console.is_terminal:
            self.console.print()  # a file or pipe gets the last line only, unterminated

    def update(self, progress: BatchProgress) -> None:
        lang = self.lang
        if progress.dashboard and not self.shown_dashboard:
            self.shown_dashboard = True
            self.live.console.print(label("batch_dashboard", lang).format(link=progress.dashboard))
        text = label("batch_progress", lang).format(
            done=progress.done + progress.skipped,
            total=progress.total,
            running=progress.running,
            failed=progress.failed,
            skipped=progress.skipped,
        )
        self.live.update(text, refresh=True)


def _summary_lines(summary: BatchSummary, chosen: Lang) -> list[str]:
    results = summary.results
    lines = []
    for result in results:
        if result.status == "invalid":
            lines.append(label("batch_unit_invalid", chosen).format(unit=result.unit))
            lines += [f"  {problem}" for problem in result.error.splitlines()]
        elif result.status == "failed":
            first = result.error.splitlines()[0] if result.error else ""
            lines.append(label("batch_unit_failed", chosen).format(unit=result.unit, error=first))
    solved = [r for r in results if r.status == "solved"]
    lines.append(
        label("batch_summary", chosen).format(
            units=len(results),
            solved=len(solved),
            now=sum(1 for r in solved if r.unit not in summary.reused),
            skipped=summary.skipped,
            invalid=sum(1 for r in results if r.status == "invalid"),
            failed=sum(1 for r in results if r.status == "failed"),
            critical=sum(1 for r in solved if r.critical_gaps),
            holes=sum(1 for r in solved if r.unmanaged_night_holes),
        )
    )
    if summary.interrupted:
        lines.append(label("batch_interrupted", chosen))
    files = ", ".join(str(p) for p in summary.written)
    lines.append(label("batch_written", chosen).format(files=files))
    return lines

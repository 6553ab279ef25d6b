"""The ``roster`` command. It only parses arguments, calls the library and prints.

Exit status (design §6): 0 all well; 1 no roster, or a roster that leaves a critical post
short (``solve``, ``reschedule``) or breaks a hard rule (``check``), or a strict plan with
no roster (``explain``); 2 bad input. The language: see ``_lang``.
"""

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

app = typer.Typer(
    help="Duty rosters for small offices: generate, repair, check.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

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
_global_lang: ContextVar[str | None] = ContextVar("global_lang", default=None)


@app.callback()
def options(
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            envvar="ROSTER_LANG",
            help="zh or en for every command (a command's own --lang comes first).",
        ),
    ] = None,
) -> None:
    """Duty rosters for small offices: generate, repair, check."""
    _global_lang.set(lang)


@app.command()
def validate(plan: PlanArg, lang: LangOpt = None) -> None:
    """Check a plan and print a one-screen summary; list every problem found, and warn
    about people nobody can use and critical demand nobody can meet."""
    from constraints import all_rules
    from roster.check.usable import plan_warnings
    from roster.io import load_plan
    from roster.plan.index import PlanIndex
    from roster.plan.summary import render, summarize
    from roster.text.i18n import default_lang

    chosen = _lang(lang)
    with _exit_on_errors(chosen):
        loaded = load_plan(plan)
    warnings = plan_warnings(PlanIndex(loaded), all_rules())
    typer.echo(render(summarize(loaded), chosen or default_lang(loaded.title), warnings))


@app.command()
def solve(
    plan: PlanArg,
    out: Annotated[Path, typer.Option("--out", help="Folder for the outputs.")] = Path("out"),
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds for the whole solve.")
    ] = 30.0,
    workers: Annotated[int, typer.Option("--workers", help="CP-SAT search workers.")] = 2,
    seed: SeedOpt = 0,
    strict: Annotated[
        bool, typer.Option("--strict", help="Critical coverage becomes a hard rule.")
    ] = False,
    deterministic: DeterministicOpt = False,
    lang: LangOpt = None,
) -> None:
    """Generate the roster of a plan: roster.csv, gaps.csv, solve.json and more in --out.
    Ctrl-C stops at once and keeps the best roster so far.

    Exit status: 0 a roster with every critical post covered; 1 no roster, or critical posts
    left short (the roster is still written); 2 bad input (nothing written).
    """
    from constraints import all_rules
    from roster.jobs.solve import ProgressPrinter, solve_plan, solve_summary
    from roster.result import SolverConfig

    chosen = _lang(lang)
    config = SolverConfig(
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        strict=strict,
        deterministic=deterministic,
    )
    with _exit_on_errors(chosen):
        outcome = solve_plan(
            plan,
            out,
            all_rules(),
            config,
            lang=chosen,
            on_progress=ProgressPrinter(lambda line: typer.echo(line, err=True)),
        )
    for line in solve_summary(outcome):
        typer.echo(line)
    if outcome.result.roster is None and strict:
        from roster.diagnose.explain import explain as explain_plan

        explanation = explain_plan(outcome.plan, all_rules(), time_limit=time_limit, seed=seed)
        for line in explanation.lines(outcome.lang):
            typer.echo(line)
    raise typer.Exit(outcome.exit_code)


@app.command()
def reschedule(
    plan: PlanArg,
    roster: Annotated[Path, typer.Argument(help="The published roster.csv.", show_default=False)],
    absent: Annotated[
        list[str] | None, typer.Option("--absent", help="Staff id of who fell ill (repeatable).")
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="From when: YYYY-MM-DD or 'YYYY-MM-DD HH:MM'.")
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", help="Until when (a date counts whole; default: end of period)."),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the outputs (not the roster's).")
    ] = Path("out-repaired"),
    absences_file: Annotated[
        Path | None,
        typer.Option(
            "--absences", help="Several absences at once, as absences.csv (staff,from,to)."
        ),
    ] = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds for the whole solve.")
    ] = 10.0,
    workers: Annotated[int, typer.Option("--workers", help="CP-SAT search workers.")] = 2,
    seed: SeedOpt = 0,
    deterministic: DeterministicOpt = False,
    lang: LangOpt = None,
) -> None:
    """Repair a published roster when someone falls ill, changing as few duties as possible.

    Exit status: 0 a repaired roster with every critical post covered; 1 no roster, or
    critical posts left short (the roster is still written); 2 bad input (nothing written).
    """
    from constraints import all_rules
    from roster.io.folder import read_absences_csv
    from roster.jobs.reschedule import NewAbsence, reschedule_plan, reschedule_summary
    from roster.jobs.solve import ProgressPrinter
    from roster.result import SolverConfig

    chosen = _lang(lang)
    if not absent and absences_file is None:
        typer.echo("Say who is absent: --absent ID --from WHEN, or --absences FILE.", err=True)
        raise typer.Exit(2)
    if absent and start is None:
        typer.echo("--absent needs --from WHEN.", err=True)
        raise typer.Exit(2)
    try:
        first = _moment(start, "--from", end_of_day=False) if start else None
        last = _moment(end, "--to", end_of_day=True) if end else None
    except ValueError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    absences = [NewAbsence(staff_id, first, last) for staff_id in absent or [] if first]
    config = SolverConfig(
        time_limit=time_limit, workers=workers, seed=seed, deterministic=deterministic
    )
    with _exit_on_errors(chosen):
        if absences_file is not None:
            absences += [
                NewAbsence(a.staff, a.start, a.end) for a in read_absences_csv(absences_file)
            ]
        outcome = reschedule_plan(
            plan,
            roster,
            absences,
            out,
            all_rules(),
            config,
            lang=chosen,
            on_progress=ProgressPrinter(lambda line: typer.echo(line, err=True)),
        )
    for line in reschedule_summary(outcome):
        typer.echo(line)
    raise typer.Exit(outcome.exit_code)


@app.command()
def check(
    plan: PlanArg,
    roster: Annotated[
        Path,
        typer.Argument(help="roster.csv, or an edited roster.xlsx grid.", show_default=False),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="Folder for check.csv, gaps.csv, why.csv, violations.csv (not an input's)"
        ),
    ] = Path("check-out"),
    unmanaged_nights: Annotated[
        bool,
        typer.Option(
            "--unmanaged-nights",
            help="Show only the unmanaged compounds' nights: hours with nobody on watch and "
            "night posts short of people.",
        ),
    ] = False,
    why: Annotated[
        bool,
        typer.Option("--why", help="For each short post, everyone who could take it and why not."),
    ] = False,
    losses: Annotated[
        bool,
        typer.Option(
            "--resilience",
            help="For each person: if they fall ill tomorrow, can every critical post be covered?",
        ),
    ] = False,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="With --resilience: when they fall ill (a date: that day at the first shift; "
            "default: the period's second day).",
        ),
    ] = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="With --resilience: seconds per person.")
    ] = 2.0,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    lang: LangOpt = None,
) -> None:
    """Check any roster: rules broken, hours with nobody on watch, posts short and why.

    Exit status: 0 every hard rule holds, every critical post is covered and every night at
    an unmanaged compound has the people it needs; 1 otherwise;
    2 the plan or roster cannot be read (entries that cannot be read are listed, the rest is
    still checked).
    """
    from constraints import all_rules
    from roster.jobs.check import check_files
    from roster.jobs.resilience import progress_line, resilience, write_resilience_csv
    from roster.report.terminal import check_lines
    from roster.text.i18n import label

    chosen = _lang(lang)
    try:
        when = _day_or_moment(start, "--from") if start else None
    except ValueError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    rules = all_rules()
    with _exit_on_errors(chosen):
        outcome = check_files(
            plan, roster, out, rules, lang=chosen, unmanaged_nights=unmanaged_nights
        )
    report, used = outcome.report, outcome.lang
    if report.problems:
        typer.echo(label("check_problems", used).format(count=len(report.problems)), err=True)
        for problem in report.problems:
            typer.echo(f"  {problem.render(used)}", err=True)
    lines = check_lines(
        report, outcome.source.name, outcome.written, why=why, unmanaged_nights=unmanaged_nights
    )
    for line in lines:
        typer.echo(line)
    if losses:
        tried = resilience(
            outcome.plan,
            report.roster.assignments(),
            rules,
            moment=when,
            time_limit=time_limit,
            seed=seed,
            lang=used,
            on_loss=lambda loss: typer.echo(progress_line(loss, used), err=True),
        )
        for line in tried.lines(used):
            typer.echo(line)
        write_resilience_csv(out / "resilience.csv", tried, used)
        typer.echo(label("summary_written", used).format(folder=out, files="resilience.csv"))
    raise typer.Exit(report.exit_code)


@app.command()
def explain(
    plan: PlanArg,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds for the whole explanation.")
    ] = 60.0,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    lang: LangOpt = None,
) -> None:
    """Why a strict plan (every critical post required) has no roster: the smallest set of
    rules, people and days that clash, and the cheapest relaxation that would make it work.

    Exit status: 0 the strict plan has a roster; 1 it has none (explained) or it could not be
    decided in time; 2 the plan cannot be read.
    """
    from constraints import all_rules
    from roster.diagnose.explain import explain as explain_plan
    from roster.io import load_plan
    from roster.text.i18n import default_lang

    chosen = _lang(lang)
    with _exit_on_errors(chosen):
        loaded = load_plan(plan)
    explanation = explain_plan(loaded, all_rules(), time_limit=time_limit, seed=seed)
    for line in explanation.lines(chosen or default_lang(loaded.title)):
        typer.echo(line)
    raise typer.Exit(0 if explanation.verdict == "feasible" else 1)


@app.command()
def template(
    file: Annotated[
        Path, typer.Argument(help="The workbook to write (.xlsx).", show_default=False)
    ],
    lang: LangOpt = None,
    source: Annotated[
        Path | None,
        typer.Option("--from", help="Convert this plan folder instead of writing examples."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Write a plan workbook to fill in: every sheet with its headers, a note on each header,
    example rows and drop-downs (default language zh). With --from, a plan folder as a
    workbook instead."""
    from roster.io.template import write_template
    from roster.io.workbook import plan_folder_to_workbook
    from roster.text.i18n import label

    chosen = _lang(lang)
    if file.suffix.lower() != ".xlsx":
        typer.echo(f"{file}: the workbook's name must end in .xlsx", err=True)
        raise typer.Exit(2)
    with _exit_on_errors(chosen):
        if source is not None:
            plan_folder_to_workbook(source, file, lang=chosen, force=force)
        else:
            write_template(file, chosen or "zh", force=force)
    typer.echo(label("template_written", chosen or "zh").format(file=file))


def _day_or_moment(text: str, option: str) -> dt.date | dt.datetime:
    """A date, or a date-time when a time is given."""
    value = text.strip().replace("T", " ")
    try:
        if len(value) <= 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f'{option} "{text}": expected YYYY-MM-DD or "YYYY-MM-DD HH:MM"') from None


def _moment(text: str, option: str, *, end_of_day: bool) -> dt.datetime:
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
def _exit_on_errors(lang: Lang | None) -> Iterator[None]:
    """Bad input or an output that would overwrite an input: exit 2 with every problem
    listed; a roster the rules reject (a bug): exit 3."""
    from roster.jobs.solve import RosterBug

    try:
        yield
    except PlanError as error:
        _print_problems(error, lang)
        raise typer.Exit(2) from None
    except OutputError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    except RosterBug as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(3) from None


def _lang(value: str | None) -> Lang | None:
    """The chosen language: the command's ``--lang``, else the global one (or
    ``ROSTER_LANG``); None leaves it to the plan's title."""
    if value is None:
        value = _global_lang.get()
    if value is None:
        return None
    if value not in LANGS:
        typer.echo(f"--lang must be one of {', '.join(LANGS)}, not {value!r}", err=True)
        raise typer.Exit(2)
    return value


def _print_problems(error: PlanError, lang: Lang | None) -> None:
    chosen = lang or default_lang(error.title)
    for problem in error.problems:
        typer.echo(problem.render(chosen), err=True)


def main() -> None:
    """Entry point."""
    app()


# --------------------------------------------------------------------------- bench

bench_app = typer.Typer(help="Benchmarks on public instances (figures for benchmarks/RESULTS.md).")
app.add_typer(bench_app, name="bench")


@bench_app.command("curtois")
def bench_curtois(
    instances: Annotated[
        list[str] | None,
        typer.Argument(
            help="Instance names (Instance1 or 1) or .txt files; default: all.", show_default=False
        ),
    ] = None,
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds per instance.")] = 60.0,
    workers: Annotated[int, typer.Option("--workers", help="CP-SAT search workers.")] = 2,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (of the first run).")] = 0,
    runs: Annotated[
        int,
        typer.Option(
            "--runs",
            min=1,
            help="Runs per instance, with seeds SEED, SEED+1, ...; more than one adds a "
            "table of each instance's best, median and worst, and how many runs came "
            "within 1 % and 5 % of the best known.",
        ),
    ] = 1,
    out: Annotated[Path | None, typer.Option("--out", help="Write the results as CSV.")] = None,
    rosters: Annotated[
        Path | None,
        typer.Option(
            "--rosters",
            help="Write each roster as DIR/<instance>.csv (DIR/<instance>-seed<K>.csv "
            "with --runs).",
        ),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data", help="Instance folder (default: shared/benchmarks/curtois above the repo)."
        ),
    ] = None,
    plain: Annotated[
        bool, typer.Option("--plain", help="CP-SAT's default parameters, not the tuned ones.")
    ] = False,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", help="A CP-SAT parameter NAME=VALUE (repeatable)."),
    ] = None,
    warm_up: Annotated[
        float | None,
        typer.Option(
            "--warm-up",
            min=0.0,
            max=1.0,
            help="Part of the time spent first on the coverage shortfall alone "
            "(default 0.75, 0 with --plain; never after a class start).",
            show_default=False,
        ),
    ] = None,
    class_start: Annotated[
        float | None,
        typer.Option(
            "--class-start",
            min=0.0,
            max=0.95,
            help="Part of the time spent first on a roster of the shift classes, "
            "the engine's start (default 0.9; 0 turns it off, the default with "
            "--plain). Instances without interchangeable types spend 0.2 instead, "
            "seeking only the shortfall at its bound.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Solve Curtois & Qu instances; print objective, best known, gap, bound and seconds."""
    from roster.bench import curtois

    folder = data or curtois.find_data()
    if folder is None or not folder.is_dir():
        typer.echo("No instance folder: pass --data DIR (shared/benchmarks/curtois).", err=True)
        raise typer.Exit(2)
    try:
        params = dict(curtois.parse_param(p) for p in param or [])
    except ValueError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    config = curtois.bench_config(
        time_limit, workers, seed, plain=plain, params=params, warm_up=warm_up
    )
    typer.echo(curtois.table_line(curtois.COLUMNS))
    try:
        rows = curtois.run(
            instances or [],
            folder,
            config,
            rosters=rosters,
            on_row=lambda row: typer.echo(curtois.table_line(curtois.row_cells(row))),
            class_share=curtois.start_share(class_start, plain=plain),
            runs=runs,
        )
    except (FileNotFoundError, curtois.FormatError) as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    if runs > 1:
        typer.echo("")
        typer.echo(curtois.table_line(curtois.SPREAD_COLUMNS, curtois.SPREAD_WIDTHS))
        for spread in curtois.spreads(rows):
            typer.echo(curtois.table_line(curtois.spread_cells(spread), curtois.SPREAD_WIDTHS))
    if out is not None:
        curtois.write_results(out, rows)
    if any(row.objective is None or row.hard for row in rows):
        raise typer.Exit(1)


@bench_app.command("examples")
def bench_examples(
    plans: Annotated[
        list[Path], typer.Argument(help="Plan folders or workbooks.", show_default=False)
    ],
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds per plan.")] = 30.0,
    workers: Annotated[int, typer.Option("--workers", help="CP-SAT search workers.")] = 2,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
) -> None:
    """Solve plans and print how every level ended (status, objective, bound, seconds)."""
    from constraints import all_rules
    from roster.bench.examples import bench_examples as run
    from roster.bench.examples import critical_gaps
    from roster.check.violations import hard_violations
    from roster.result import SolverConfig

    config = SolverConfig(time_limit=time_limit, workers=workers, seed=seed)
    typer.echo("| plan | level | status | objective | bound | seconds |")
    typer.echo("|---|---|---|---:|---:|---:|")
    with _exit_on_errors(None):
        runs = run(
            plans,
            all_rules(),
            config,
            lambda r: typer.echo(
                f"| {r.example} | {r.level} | {r.status} "
                f"| {r.objective} | {r.bound} | {r.seconds} |"
            ),
        )
    for path, result, violations in runs:
        typer.echo(
            f"{path.name}: {result.status.value} in {result.seconds:.1f} s; "
            f"hard violations {len(hard_violations(violations))}, "
            f"critical people missing {critical_gaps(violations)}"
        )


@bench_app.command("reschedule")
def bench_reschedule(
    plan: PlanArg,
    start: Annotated[str, typer.Option("--from", help="When each person falls ill.")],
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds per repair.")] = 10.0,
    workers: Annotated[int, typer.Option("--workers", help="CP-SAT search workers.")] = 2,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
) -> None:
    """Each person in turn falls ill: changes a repair needs against the duties they had left."""
    from constraints import all_rules
    from roster.bench.examples import bench_reschedule as run
    from roster.result import SolverConfig

    try:
        moment = _moment(start, "--from", end_of_day=False)
    except ValueError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    solve_config = SolverConfig(time_limit=30, workers=workers, seed=seed)
    repair_config = SolverConfig(time_limit=time_limit, workers=workers, seed=seed)
    typer.echo(
        "| ill | duties left | changes | of others | others/duty | critical missing "
        "| hard | stability | seconds |"
    )
    typer.echo("|---|---:|---:|---:|---:|---:|---:|---|---:|")
    with _exit_on_errors(None):
        rows = run(
            plan,
            moment,
            all_rules(),
            solve_config,
            repair_config,
            lambda r: typer.echo(
                f"| {r.staff_id} | {r.remaining} | {r.changes} | {r.others} | {r.ratio:.2f} "
                f"| {r.critical_gaps} "
                f"| {r.hard} | {r.stability_status} | {r.seconds} |"
            ),
        )
    within = sum(1 for r in rows if 0 <= r.others <= 2 * r.remaining)
    slowest = max((r.seconds for r in rows), default=0.0)
    typer.echo(
        f"{within} of {len(rows)} repairs change at most 2 duties of others per duty left; "
        f"critical missing in {sum(1 for r in rows if r.critical_gaps)}; slowest {slowest} s"
    )


@app.command()
def generate(
    out: Annotated[Path, typer.Option("--out", help="New plan folder (must not hold files).")],
    staff: Annotated[int, typer.Option("--staff", help="People.")] = 26,
    compounds: Annotated[
        int | None,
        typer.Option("--compounds", help="Compounds (default: the example's 26 people per 8)."),
    ] = None,
    days: Annotated[int, typer.Option("--days", help="Days from Monday 2026-03-02.")] = 7,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same plan).")] = 0,
) -> None:
    """Write a realistic synthetic plan (invented people) in the proportions of the example."""
    from roster.bench.generate import compounds_for, generate_plan, write_plan

    try:
        plan = generate_plan(staff, compounds or compounds_for(staff), days, seed)
        written = write_plan(plan, out)
    except (ValueError, OutputError) as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    typer.echo(
        f"{out}: {len(plan.staff)} staff, {len(plan.compounds)} compounds, {plan.days} days "
        f"({len(written)} files)"
    )


def _numbers(text: str, option: str) -> list[int]:
    try:
        found = [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        found = []
    if not found or any(n <= 0 for n in found):
        typer.echo(f"{option}: expected positive whole numbers separated by commas", err=True)
        raise typer.Exit(2)
    return found


@bench_app.command("scale")
def bench_scale(
    ladder: Annotated[
        str, typer.Option("--ladder", help="Staff sizes, comma-separated.")
    ] = "50,200,500,1000",
    days: Annotated[str, typer.Option("--days", help="Period lengths, comma-separated.")] = "7,28",
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds per size (building and solving).")
    ] = 60.0,
    workers: Annotated[int, typer.Option("--workers", help="CP-SAT search workers.")] = 2,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the plans and the solver.")] = 0,
) -> None:
    """Solve generated plans of growing size: time to all critical posts covered, memory."""
    from roster.bench.generate import compounds_for
    from roster.bench.scale import TABLE_HEADER, samples_table, table_line
    from roster.bench.scale import bench_scale as run
    from roster.result import SolverConfig

    sizes, lengths = _numbers(ladder, "--ladder"), _numbers(days, "--days")
    config = SolverConfig(time_limit=time_limit, workers=workers, seed=seed)
    typer.echo(TABLE_HEADER)
    rows = run(sizes, lengths, config, compounds_for, seed, lambda r: typer.echo(table_line(r)))
    typer.echo("")
    typer.echo("Objective and bound over time (seconds from the start of the solve):")
    typer.echo("")
    typer.echo(samples_table(rows))

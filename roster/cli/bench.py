"""``roster bench`` and ``roster generate``: benchmark runs and synthetic plans (figures for
benchmarks/RESULTS.md). Like the rest of the CLI, they parse arguments and call the library."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roster.cli.options import PlanArg, exit_on_errors, parse_moment
from roster.io.write import OutputError

bench_app = typer.Typer(help="Benchmarks on public instances (figures for benchmarks/RESULTS.md).")


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


@bench_app.command("stretch")
def bench_stretch(
    instance: Annotated[
        Path, typer.Argument(help="A Curtois & Qu instance file (.txt).", show_default=False)
    ],
    out: Annotated[Path, typer.Argument(help="The new instance file.", show_default=False)],
    staff: Annotated[
        int, typer.Option("--staff", min=1, help="Copies of the staff (cover times this).")
    ] = 1,
    horizons: Annotated[
        int, typer.Option("--horizons", min=1, help="Times the horizon is repeated.")
    ] = 1,
) -> None:
    """Write a bigger instance of the same family: shapes the settings were not tuned on."""
    from roster.bench.curtois_instance import FormatError, read_instance
    from roster.bench.stretch import instance_text, stretch
    from roster.io.write import atomic_write_text

    if out.resolve() == instance.resolve():
        typer.echo(f"{out}: the new instance must not overwrite its source.", err=True)
        raise typer.Exit(2)
    try:
        source = read_instance(instance)
    except (OSError, UnicodeDecodeError, FormatError) as error:
        typer.echo(f"{instance}: {error}", err=True)
        raise typer.Exit(2) from None
    stretched = stretch(source, staff, horizons)
    atomic_write_text(out, instance_text(stretched))
    typer.echo(
        f"{out}: {len(stretched.staff)} staff, {stretched.horizon} days "
        f"(from {instance.name}: {len(source.staff)} staff, {source.horizon} days)"
    )


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
    with exit_on_errors(None):
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
        ill_from = parse_moment(start, "--from", end_of_day=False)
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
    with exit_on_errors(None):
        rows = run(
            plan,
            ill_from,
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


generate_app = typer.Typer(
    help="Synthetic plans: one (roster generate --out DIR) or a city of units "
    "(roster generate city).",
    invoke_without_command=True,
)


@generate_app.callback()
def generate(
    ctx: typer.Context,
    out: Annotated[
        Path | None, typer.Option("--out", help="New plan folder (must not hold files).")
    ] = None,
    staff: Annotated[int, typer.Option("--staff", help="People.")] = 26,
    compounds: Annotated[
        int | None,
        typer.Option("--compounds", help="Compounds (default: the example's 26 people per 8)."),
    ] = None,
    days: Annotated[int, typer.Option("--days", help="Days from Monday 2026-03-02.")] = 7,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same plan).")] = 0,
    areas: Annotated[
        bool,
        typer.Option(
            "--areas/--no-areas",
            help="Split plans of 12 compounds or more into areas; without, everyone may "
            "serve everywhere.",
        ),
    ] = True,
    shifts: Annotated[
        str,
        typer.Option("--shifts", help="Shift pattern: example (am/pm/night/24 h) or 8h."),
    ] = "example",
) -> None:
    """Write a realistic synthetic plan (invented people) in the proportions of the example;
    roster generate city writes a whole city of them."""
    from roster.bench.generate import compounds_for, generate_plan, write_plan

    if ctx.invoked_subcommand is not None:
        return
    if out is None:
        typer.echo("Missing option '--out': the new plan folder.", err=True)
        raise typer.Exit(2)
    try:
        plan = generate_plan(
            staff, compounds or compounds_for(staff), days, seed, areas=areas, shifts=shifts
        )
        written = write_plan(plan, out)
    except (ValueError, OutputError) as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    typer.echo(
        f"{out}: {len(plan.staff)} staff, {len(plan.compounds)} compounds, {plan.days} days "
        f"({len(written)} files)"
    )


@generate_app.command("city")
def generate_city(
    out: Annotated[
        Path, typer.Option("--out", help="New folder of unit plans (must not hold files).")
    ],
    units: Annotated[int, typer.Option("--units", min=1, help="Units (plans).")] = 20,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same city).")] = 0,
    days: Annotated[int, typer.Option("--days", help="Days from Monday 2026-03-02.")] = 7,
    invalid: Annotated[
        int,
        typer.Option(
            "--invalid", min=0, help="Make the last N units invalid (a demand for no shift)."
        ),
    ] = 0,
) -> None:
    """Write a city of unit plans for roster batch (10-80 staff, 3-20 compounds each)."""
    from roster.bench.city import generate_city as make
    from roster.bench.city import write_city

    try:
        city = make(units, seed, days)
        write_city(city, out, invalid)
    except (ValueError, OutputError) as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    staff = [len(u.plan.staff) for u in city]
    typer.echo(
        f"{out}: {len(city)} units, {min(staff)}-{max(staff)} staff, "
        f"{sum(len(u.plan.compounds) for u in city)} compounds "
        f"({sum(sum(c.unmanaged for c in u.plan.compounds) for u in city)} unmanaged)"
        + (f", {invalid} invalid" if invalid else "")
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
    shapes: Annotated[
        str,
        typer.Option(
            "--shapes",
            help="Plan shapes, comma-separated: areas (split into areas), open (everyone "
            "may serve everywhere).",
        ),
    ] = "areas,open",
) -> None:
    """Solve generated plans of growing size: time to all critical posts covered, memory."""
    from roster.bench.generate import compounds_for
    from roster.bench.scale import TABLE_HEADER, samples_table, table_line
    from roster.bench.scale import bench_scale as run
    from roster.result import SolverConfig

    sizes, lengths = _numbers(ladder, "--ladder"), _numbers(days, "--days")
    config = SolverConfig(time_limit=time_limit, workers=workers, seed=seed)
    typer.echo(TABLE_HEADER)
    chosen = [part.strip() for part in shapes.split(",") if part.strip()]
    if not chosen or any(part not in ("areas", "open") for part in chosen):
        typer.echo("--shapes: expected areas, open or both, separated by commas", err=True)
        raise typer.Exit(2)
    rows = run(
        sizes,
        lengths,
        config,
        compounds_for,
        seed,
        lambda r: typer.echo(table_line(r)),
        shapes=[part == "areas" for part in chosen],
    )
    typer.echo("")
    typer.echo("Objective and bound over time (seconds from the start of the solve):")
    typer.echo("")
    typer.echo(samples_table(rows))

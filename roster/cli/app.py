"""The ``roster`` command. It only parses arguments, calls the library and prints.

Exit status (design §6): 0 all well; 1 no roster, or a roster that leaves a critical post
short (``solve``, ``reschedule``) or breaks a hard rule (``check``), or a strict plan with
no roster (``explain``); 2 bad input. The language: see ``_lang``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roster.cli.batch import batch
from roster.cli.bench import bench_app, generate_app
from roster.cli.options import (
    DeterministicOpt,
    LangOpt,
    PlanArg,
    SeedOpt,
    chosen_lang,
    exit_on_errors,
    global_lang,
    parse_day_or_moment,
    parse_moment,
)
from roster.cli.serve import serve
from roster.result import BACKSTOP

app = typer.Typer(
    help="Duty rosters for small offices: generate, repair, check.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
    global_lang.set(lang)


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

    chosen = chosen_lang(lang)
    with exit_on_errors(chosen):
        loaded = load_plan(plan)
    warnings = plan_warnings(PlanIndex(loaded), all_rules())
    typer.echo(render(summarize(loaded), chosen or default_lang(loaded.title), warnings))


@app.command()
def solve(
    plan: PlanArg,
    out: Annotated[Path, typer.Option("--out", help="Folder for the outputs.")] = Path("out"),
    time_limit: Annotated[
        float | None,
        typer.Option(
            "--time-limit",
            help="Seconds for the whole command, reading to written files. Without it the "
            "solve ends by itself once every tier is proven and the wishes stop improving "
            f"(at most {BACKSTOP:.0f} s).",
        ),
    ] = None,
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

    chosen = chosen_lang(lang)
    config = SolverConfig(
        time_limit=BACKSTOP if time_limit is None else time_limit,
        stop_when_stalled=time_limit is None,
        workers=workers,
        seed=seed,
        strict=strict,
        deterministic=deterministic,
    )
    with exit_on_errors(chosen):
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

        explanation = explain_plan(
            outcome.plan, all_rules(), time_limit=config.time_limit, seed=seed
        )
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
    assign: Annotated[
        list[str] | None,
        typer.Option(
            "--assign",
            help="Pin a choice from roster cover: STAFF=POST@DATE/SHIFT (repeatable).",
        ),
    ] = None,
    absences_file: Annotated[
        Path | None,
        typer.Option(
            "--absences", help="Several absences at once, as absences.csv (staff,from,to)."
        ),
    ] = None,
    time_limit: Annotated[
        float,
        typer.Option(
            "--time-limit", help="Seconds for the whole command, reading to written files."
        ),
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

    chosen = chosen_lang(lang)
    if not absent and absences_file is None:
        typer.echo("Say who is absent: --absent ID --from WHEN, or --absences FILE.", err=True)
        raise typer.Exit(2)
    if absent and start is None:
        typer.echo("--absent needs --from WHEN.", err=True)
        raise typer.Exit(2)
    try:
        first = parse_moment(start, "--from", end_of_day=False) if start else None
        last = parse_moment(end, "--to", end_of_day=True) if end else None
    except ValueError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    absences = [NewAbsence(staff_id, first, last) for staff_id in absent or [] if first]
    config = SolverConfig(
        time_limit=time_limit, workers=workers, seed=seed, deterministic=deterministic
    )
    with exit_on_errors(chosen):
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
            assign=assign or (),
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

    chosen = chosen_lang(lang)
    try:
        when = parse_day_or_moment(start, "--from") if start else None
    except ValueError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None
    rules = all_rules()
    with exit_on_errors(chosen):
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
def cover(
    plan: PlanArg,
    roster: Annotated[
        Path,
        typer.Argument(help="roster.csv, or an edited roster.xlsx grid.", show_default=False),
    ],
    staff: Annotated[str, typer.Option("--staff", help="Staff id of who fell ill.")],
    start: Annotated[str, typer.Option("--from", help="First day they miss: YYYY-MM-DD.")],
    end: Annotated[
        str | None, typer.Option("--to", help="Last day they miss (default: end of period).")
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Candidates shown per duty.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    lang: LangOpt = None,
) -> None:
    """Who can take each duty of someone who fell ill, best first, with what it costs; the
    swaps where nobody can step in directly; and what stops everyone else. Writes nothing:
    apply a choice with roster reschedule --assign STAFF=POST@DATE/SHIFT.

    Exit status: 0 answered; 2 bad input (every problem listed).
    """
    import json

    from constraints import all_rules
    from roster.jobs.cover import cover_duties
    from roster.report.cover import cover_json, cover_lines

    chosen = chosen_lang(lang)
    with exit_on_errors(chosen):
        found = cover_duties(plan, roster, staff, start, end, all_rules(), top=top, lang=chosen)
    if as_json:
        body = cover_json(found.index, found.duties, found.lang)
        typer.echo(json.dumps(body, ensure_ascii=False, indent=2))
        return
    for line in cover_lines(
        found.index, found.ill, found.first, found.last, found.duties, found.lang
    ):
        typer.echo(line)


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

    chosen = chosen_lang(lang)
    with exit_on_errors(chosen):
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

    chosen = chosen_lang(lang)
    if file.suffix.lower() != ".xlsx":
        typer.echo(f"{file}: the workbook's name must end in .xlsx", err=True)
        raise typer.Exit(2)
    with exit_on_errors(chosen):
        if source is not None:
            plan_folder_to_workbook(source, file, lang=chosen, force=force)
        else:
            write_template(file, chosen or "zh", force=force)
    typer.echo(label("template_written", chosen or "zh").format(file=file))


def main() -> None:
    """Entry point."""
    app()


app.add_typer(bench_app, name="bench")
app.add_typer(generate_app, name="generate")
app.command()(serve)
app.command()(batch)

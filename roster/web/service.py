"""What the API and the pages both do (``Service``), on one store and one queue, and what
they share: the request bodies, the language asked for, the downloads.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

from fastapi import HTTPException, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from roster.io.columns import absence_moment
from roster.jobs.reschedule import NewAbsence, absence_problems
from roster.plan.problems import PlanError, Problem
from roster.text.i18n import LANGS, Lang, label
from roster.web import views
from roster.web.files import PlanKind
from roster.web.jobs import Runner
from roster.web.security import (
    LANG_COOKIE,
)
from roster.web.store import JobRow, Store, VersionRow

STATIC = Path(__file__).parent / "static"
#: The page loads its own script and styles only.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
#: Files of a version that may be downloaded, and how they are served.
DOWNLOADS = {
    "roster.csv": "text/csv; charset=utf-8",
    "roster.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "report.html": "text/html; charset=utf-8",
    "gaps.csv": "text/csv; charset=utf-8",
    "changes.csv": "text/csv; charset=utf-8",
    "messages.txt": "text/plain; charset=utf-8",
    "solve.json": "application/json",
}
MAX_TIME_LIMIT = 600.0


def request_lang(request: Request) -> Lang:
    """The language asked for: ``?lang=``, else the cookie the switch set, else Chinese."""
    for value in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if value in LANGS:
            return value
    return "zh"


def problem_json(problem: Problem, lang: Lang) -> dict[str, object]:
    return {
        "file": problem.file,
        "row": problem.row,
        "column": problem.column,
        "value": problem.value,
        "message": problem.message.render(lang),
    }


class SolveBody(BaseModel):
    """``POST /api/plans/{id}/solve``."""

    model_config = ConfigDict(extra="forbid")
    time_limit: float = Field(default=30.0, gt=0, le=MAX_TIME_LIMIT)
    lang: Literal["zh", "en"] | None = None


class RescheduleBody(BaseModel):
    """``POST /api/versions/{v}/reschedule``: who fell ill, from when (to when)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    staff: str = Field(min_length=1)
    start: str = Field(alias="from", min_length=1)
    end: str | None = Field(default=None, alias="to")
    time_limit: float = Field(default=10.0, gt=0, le=MAX_TIME_LIMIT)
    assign: str | None = None
    lang: Literal["zh", "en"] | None = None


class Service:
    """What the API and the pages both do, on one store and one queue."""

    def __init__(self, store: Store, runner: Runner) -> None:
        self.store, self.runner = store, runner

    def version_or_404(self, version_id: int) -> VersionRow:
        found = self.store.version(version_id)
        if found is None:
            raise HTTPException(404, "no such version")
        return found

    def add_plan(self, name: str, data: bytes, from_version: int | None = None) -> int:
        """Check an upload and store it; raises ``UploadError`` or ``PlanError`` and then
        stores nothing."""
        kind, plan = views.check_upload(data)
        return self.store.add_plan(
            name=Path(name).name or f"plan.{kind}",
            title=plan.title,
            kind=kind,
            data=data,
            start=plan.start,
            days=plan.days,
            from_version=from_version,
        )

    def solve(self, plan_id: int, time_limit: float, lang: Lang | None) -> int:
        job = self.store.add_job(plan_id, "solve", {"time_limit": time_limit, "lang": lang}, None)
        self.runner.submit()
        return job

    def reschedule(self, version: VersionRow, body: RescheduleBody, lang: Lang) -> int:
        """Queue a repair; raises ``PlanError`` when who or when does not fit the plan."""
        plan = views.stored_plan(self.store, version.plan_id)
        problems: list[Problem] = []
        try:
            start = absence_moment(body.start, end=False)
            end = absence_moment(body.end, end=True) if body.end else None
        except ValueError:
            text = label("web_bad_moment", lang).format(value=f"{body.start} {body.end or ''}")
            raise HTTPException(422, {"errors": [{"file": "from", "message": text}]}) from None
        problems += absence_problems(plan, [NewAbsence(body.staff, start, end)])
        if problems:
            raise PlanError(problems, plan.title)
        staff = next((s for s in plan.staff if s.id == body.staff), None)
        params: dict[str, Any] = {
            "staff": body.staff,
            "staff_name": staff.name if staff else body.staff,
            "from": body.start,
            "to": body.end,
            "time_limit": body.time_limit,
            "lang": body.lang or lang,
        }
        if body.assign:
            params["assign"] = body.assign
        kind = "cover" if body.assign else "reschedule"
        job = self.store.add_job(version.plan_id, kind, params, version.id)
        self.runner.submit()
        return job

    def job_json(self, job: JobRow) -> dict[str, object]:
        progress = dict(job.progress)
        if job.state == "running" and job.started and "elapsed" not in progress:
            began = dt.datetime.fromisoformat(job.started)
            progress["elapsed"] = round((dt.datetime.now(dt.UTC) - began).total_seconds(), 1)
        return {
            "id": job.id,
            "kind": job.kind,
            "plan": job.plan_id,
            "state": job.state,
            "progress": progress,
            "version": job.version_id,
            "error": job.error,
            "ahead": self.store.queued_before(job.id) if job.state == "queued" else 0,
        }

    def next_week(self, version: VersionRow) -> int:
        """A new plan for the week after a published version: its roster carried as
        history. Raises ``PlanError`` if the plan so made does not validate."""
        from roster.web.nextweek import next_week_workbook

        row = self.store.plan(version.plan_id)
        assert row is not None
        data = next_week_workbook(
            row.kind,  # type: ignore[arg-type]
            self.store.plan_data(row.id),
            self.store.file(version.id, "roster.csv") or b"",
        )
        kind: PlanKind = "xlsx"
        plan = views.read_plan(kind, data)
        return self.store.add_plan(
            name=f"{plan.start.isoformat()}.xlsx",
            title=plan.title,
            kind=kind,
            data=data,
            start=plan.start,
            days=plan.days,
            from_version=version.id,
        )


def template_response(lang: Lang) -> Response:
    import tempfile

    from roster.io.template import write_template

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.xlsx"
        write_template(path, lang)
        data = path.read_bytes()
    return Response(
        data,
        media_type=DOWNLOADS["roster.xlsx"],
        headers={"Content-Disposition": 'attachment; filename="plan-template.xlsx"'},
    )


def version_json(version: VersionRow) -> dict[str, object]:
    return {
        "id": version.id,
        "plan": version.plan_id,
        "parent": version.parent_id,
        "kind": version.kind,
        "what": version.what,
        "absences": version.absences,
        "summary": version.summary,
        "published": version.published,
        "created": version.created,
    }

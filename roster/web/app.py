"""The office's page (``roster serve``): the FastAPI app, its JSON API under ``/api/`` and
the pages (:mod:`roster.web.pages`).

``create_app(data_dir, token)`` builds it: the store in ``data_dir/roster.db``, the solve
queue (:mod:`roster.web.jobs`) started and stopped with the app, and the guard
(:mod:`roster.web.security`) in front of every request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.base import RequestResponseEndpoint

from roster.plan.problems import PlanError
from roster.text.i18n import LANGS, label
from roster.web import views
from roster.web.files import MAX_UPLOAD, UploadError
from roster.web.jobs import Runner
from roster.web.security import (
    LANG_COOKIE,
    SAFE_METHODS,
    authorized,
    host_allowed,
    open_path,
    same_origin,
    too_large,
)
from roster.web.service import (
    CSP,
    DOWNLOADS,
    STATIC,
    RescheduleBody,
    Service,
    SolveBody,
    problem_json,
    request_lang,
    template_response,
    version_json,
)
from roster.web.store import Store


def api_router(service: Service) -> APIRouter:
    """The JSON API: the page's own calls, and what scripts may call."""
    router = APIRouter(prefix="/api")
    store = service.store

    @router.get("/plans")
    def list_plans() -> list[dict[str, object]]:
        """Every plan, newest first, with its versions."""
        return [
            {
                "id": p.id,
                "name": p.name,
                "title": p.title,
                "start": p.start.isoformat(),
                "days": p.days,
                "from_version": p.from_version,
                "created": p.created,
                "versions": [v.id for v in store.versions(p.id)],
            }
            for p in store.plans()
        ]

    @router.post("/plans", status_code=201)
    async def upload_plan(
        request: Request, file: Annotated[UploadFile, File()]
    ) -> dict[str, object]:
        """Upload a plan: an .xlsx workbook or a zip of the CSV folder. 201 ``{"id"}``; 422
        ``{"errors": [...]}`` with every problem; 400/413 for a file that is not a plan."""
        data = await file.read(MAX_UPLOAD + 1)
        return {"id": service.add_plan(file.filename or "plan", data)}

    @router.get("/plans/{plan_id}")
    def plan_detail(plan_id: int) -> dict[str, object]:
        row = store.plan(plan_id)
        if row is None:
            raise HTTPException(404, "no such plan")
        return {
            "id": row.id,
            "name": row.name,
            "title": row.title,
            "start": row.start.isoformat(),
            "days": row.days,
            "from_version": row.from_version,
            "versions": [version_json(v) for v in store.versions(plan_id)],
            "jobs": [service.job_json(j) for j in store.jobs(plan_id)],
        }

    @router.get("/plans/{plan_id}/file")
    def plan_file(plan_id: int) -> Response:
        """The plan's file as uploaded (or as made for the next week), to edit and upload
        again."""
        row = store.plan(plan_id)
        if row is None:
            raise HTTPException(404, "no such plan")
        media = DOWNLOADS["roster.xlsx"] if row.kind == "xlsx" else "application/zip"
        return Response(  # the name as uploaded is the leader's text: not put in a header
            store.plan_data(plan_id),
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="plan-{plan_id}.{row.kind}"'},
        )

    @router.post("/plans/{plan_id}/solve", status_code=202)
    def solve(plan_id: int, request: Request, body: SolveBody | None = None) -> dict[str, int]:
        """Queue a solve; 202 ``{"job"}``."""
        if store.plan(plan_id) is None:
            raise HTTPException(404, "no such plan")
        body = body or SolveBody()
        return {"job": service.solve(plan_id, body.time_limit, body.lang)}

    @router.post("/plans/{plan_id}/check")
    async def check(
        plan_id: int, request: Request, file: Annotated[UploadFile, File()]
    ) -> dict[str, object]:
        """Check a roster (``roster.csv`` or an edited ``roster.xlsx``) against a plan, as
        ``roster check`` does: ``{"exit_code", "lines"}``."""
        if store.plan(plan_id) is None:
            raise HTTPException(404, "no such plan")
        data = await file.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            raise UploadError(413, "upload_too_large", {"mib": MAX_UPLOAD // (1024 * 1024)})
        lang = request_lang(request)
        done = views.check_upload_roster(store, plan_id, file.filename or "roster", data, lang)
        store.add_check(plan_id, file.filename or "roster", data, done.exit_code, done.lines)
        return {"exit_code": done.exit_code, "lines": done.lines}

    @router.get("/jobs/{job_id}")
    def job(job_id: int) -> dict[str, object]:
        """``{"state": queued|running|done|stopped|failed|interrupted, "progress",
        "version"}``."""
        found = store.job(job_id)
        if found is None:
            raise HTTPException(404, "no such job")
        return service.job_json(found)

    @router.post("/jobs/{job_id}/stop")
    def stop(job_id: int) -> dict[str, object]:
        """Stop a job: a running solve keeps its best roster so far."""
        if store.job(job_id) is None:
            raise HTTPException(404, "no such job")
        stopping = service.runner.stop(job_id)
        found = store.job(job_id)
        assert found is not None
        return {"stopping": stopping, **service.job_json(found)}

    @router.get("/versions/{version_id}")
    def version(version_id: int) -> dict[str, object]:
        return version_json(service.version_or_404(version_id))

    @router.get("/versions/{version_id}/changes")
    def changes(version_id: int) -> dict[str, object]:
        """A repaired version's changes and the messages to send."""
        service.version_or_404(version_id)
        found, messages = views.changes_of(store, version_id)
        return {"changes": found, "messages": messages}

    @router.get("/versions/{version_id}/cover")
    def cover(
        request: Request,
        version_id: int,
        staff: str,
        start: Annotated[str, Query(alias="from")],
        end: Annotated[str | None, Query(alias="to")] = None,
    ) -> dict[str, object]:
        """``roster cover --json`` on a version."""
        found = service.version_or_404(version_id)
        return views.cover_of(store, found, staff, start, end, request_lang(request))

    @router.post("/versions/{version_id}/reschedule", status_code=202)
    def reschedule(request: Request, version_id: int, body: RescheduleBody) -> dict[str, int]:
        """Queue a repair for someone who fell ill; 202 ``{"job"}``. With ``assign``
        (``STAFF=POST@DATE/SHIFT``, a choice from cover), that choice is pinned."""
        found = service.version_or_404(version_id)
        return {"job": service.reschedule(found, body, request_lang(request))}

    @router.post("/versions/{version_id}/publish")
    def publish(version_id: int) -> dict[str, object]:
        service.version_or_404(version_id)
        store.publish(version_id)
        return version_json(service.version_or_404(version_id))

    @router.post("/versions/{version_id}/next-week", status_code=201)
    def next_week(version_id: int) -> dict[str, int]:
        """A plan for the following week, with this version's roster as its history."""
        return {"id": service.next_week(service.version_or_404(version_id))}

    @router.get("/versions/{version_id}/staff/{staff_id}.ics")
    def calendar(version_id: int, staff_id: str, request: Request) -> Response:
        """One person's duties as an iCalendar file."""
        found = service.version_or_404(version_id)
        view = views.version_view(store, found, request_lang(request))
        if staff_id not in view.roster.index.person_by_id:
            raise HTTPException(404, "no such person")
        person = view.roster.index.person_by_id[staff_id]
        duties = views.person_duties(view, staff_id, request_lang(request))
        body = views.ics(view.plan.title, person.staff.name, duties, dt.datetime.now(dt.UTC))
        return Response(
            body,
            media_type="text/calendar; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{staff_id}.ics"'},
        )

    @router.get("/versions/{version_id}/{name}")
    def download(version_id: int, name: str) -> Response:
        """roster.csv, roster.xlsx, report.html (and gaps.csv, changes.csv, messages.txt,
        solve.json): as the command wrote them."""
        service.version_or_404(version_id)
        data = store.file(version_id, name) if name in DOWNLOADS else None
        if data is None:
            raise HTTPException(404, "no such file")
        disposition = "inline" if name == "report.html" else "attachment"
        return Response(
            data,
            media_type=DOWNLOADS[name],
            headers={"Content-Disposition": f'{disposition}; filename="v{version_id}-{name}"'},
        )

    @router.get("/template.xlsx")
    def template(request: Request) -> Response:
        """The empty plan workbook to fill in."""
        return template_response(request_lang(request))

    return router


def create_app(data_dir: Path, token: str | None, *, loopback: bool = True) -> FastAPI:
    """The app over the store in ``data_dir``. ``token``: needed by every request but the
    health check (None: no token, for loopback only). ``loopback``: served on a loopback
    address (the ``Host`` header must then name loopback)."""
    store = Store(data_dir)
    runner = Runner(store)
    service = Service(store, runner)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runner.start()
        try:
            yield
        finally:
            runner.shutdown()

    app = FastAPI(
        title="roster serve",
        description="The office's page: plans, roster versions, repairs, checks.",
        lifespan=lifespan,
    )
    app.state.service = service
    app.state.token = token

    @app.middleware("http")
    async def guard(request: Request, call_next: RequestResponseEndpoint) -> Response:
        lang = request_lang(request)
        path = request.url.path
        if not host_allowed(request, loopback):
            return PlainTextResponse(label("web_bad_host", lang), status_code=400)
        if request.method not in SAFE_METHODS and not same_origin(request):
            return JSONResponse({"detail": label("web_cross_site", lang)}, status_code=403)
        if not open_path(path) and not authorized(request, token):
            if path.startswith("/api") or path in ("/docs", "/openapi.json", "/redoc"):
                return JSONResponse(
                    {"detail": label("web_need_token", lang)},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            from roster.web.pages import login_page

            return login_page(request, lang, status_code=401)
        if too_large(request):
            return JSONResponse(
                {"detail": label("upload_too_large", lang).format(mib=MAX_UPLOAD // 2**20)},
                status_code=413,
            )
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if path not in ("/docs", "/redoc"):
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers.setdefault("X-Frame-Options", "DENY")
        if request.query_params.get("lang") in LANGS:
            response.set_cookie(
                LANG_COOKIE, lang, max_age=365 * 86400, samesite="strict", httponly=True
            )
        return response

    @app.exception_handler(UploadError)
    async def refused(request: Request, error: UploadError) -> Response:
        text = label(error.key, request_lang(request)).format(**error.params)
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": text}, status_code=error.status)
        from roster.web.pages import error_page

        return error_page(request, text, error.status)

    @app.exception_handler(PlanError)
    async def bad_plan(request: Request, error: PlanError) -> Response:
        lang = request_lang(request)
        errors = [problem_json(p, lang) for p in error.problems]
        if request.url.path.startswith("/api"):
            return JSONResponse({"errors": errors}, status_code=422)
        from roster.web.pages import error_page

        return error_page(request, "", 422, [p.render(lang) for p in error.problems])

    @app.get("/healthz")
    def healthz() -> dict[str, object]:
        """Alive, with the store's schema version (open without a token)."""
        return {"ok": True}

    app.include_router(api_router(service))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    from roster.web.pages import page_router

    app.include_router(page_router(service))
    return app

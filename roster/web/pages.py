"""The leader's pages: upload, a plan, solving with live progress, a version (grid by
compound and by person, the 24-hour watch, gaps, fairness), marking someone ill, the
changes and messages, who can cover a duty, publishing, a person's page, the staff page
(the only one with health and family reasons) and checking a hand-edited roster.

Plain forms that work without scripts; HTMX (shipped in ``static/``) polls a running
solve's progress. Every text comes from the catalogue (zh, en) and Jinja2 escapes every
name; the report's sections come escaped from :mod:`roster.report.html`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from roster.report.html import CSS as REPORT_CSS
from roster.report.html import report_sections
from roster.report.tables import (
    day_label,
    limits_rows,
    people_rows,
    place_name,
    status_lines,
)
from roster.report.tables import join as tables_join
from roster.text.i18n import LANGS, Lang, fmt_date, label
from roster.text.labels import skill_label
from roster.web import views
from roster.web.files import MAX_UPLOAD
from roster.web.security import SESSION_COOKIE, session_value
from roster.web.service import RescheduleBody, Service, request_lang, template_response

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def render(
    request: Request, template_name: str, lang: Lang, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """A page in ``lang``: ``t(key, **params)`` says a catalogue entry; ``switch(lang)``
    is this page's address in the other language."""

    def t(key: str, **params: object) -> str:
        text = label(key, lang)
        return text.format(**params) if params else text

    def switch(other: str) -> str:
        query = dict(request.query_params)
        query["lang"] = other
        return f"{request.url.path}?{urlencode(query)}"

    return TEMPLATES.TemplateResponse(
        request,
        template_name,
        {
            "t": t,
            "lang": lang,
            "langs": LANGS,
            "switch": switch,
            "html_lang": "zh-CN" if lang == "zh" else "en",
            "token": request.app.state.token is not None,
            **context,
        },
        status_code=status_code,
    )


def login_page(request: Request, lang: Lang, status_code: int = 200) -> HTMLResponse:
    return render(request, "login.html", lang, status_code, next=request.url.path)


def error_page(
    request: Request, message: str, status_code: int, problems: list[str] | None = None
) -> HTMLResponse:
    return render(
        request,
        "error.html",
        request_lang(request),
        status_code,
        message=message,
        problems=problems or [],
    )


def see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def page_router(service: Service) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    store = service.store

    @router.get("/login", response_class=HTMLResponse)
    def login_form(request: Request) -> HTMLResponse:
        return login_page(request, request_lang(request))

    @router.post("/login")
    def login(
        request: Request, token: Annotated[str, Form()], next: Annotated[str, Form()] = "/"
    ) -> Response:
        expected = request.app.state.token
        lang = request_lang(request)
        if expected is None:
            return see("/")
        import hmac

        if not hmac.compare_digest(token.encode(), expected.encode()):
            return render(request, "login.html", lang, 401, next=next, wrong=True)
        response = see(next if next.startswith("/") and not next.startswith("//") else "/")
        response.set_cookie(
            SESSION_COOKIE,
            session_value(expected),
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            max_age=30 * 86400,
        )
        return response

    @router.get("/", response_class=HTMLResponse)
    def index(request: Request) -> HTMLResponse:
        lang = request_lang(request)
        plans = store.plans()
        return render(
            request,
            "index.html",
            lang,
            plans=plans,
            versions={p.id: store.versions(p.id) for p in plans},
            max_mib=MAX_UPLOAD // 2**20,
        )

    @router.get("/template.xlsx")
    def template(request: Request) -> Response:
        return template_response(request_lang(request))

    @router.post("/plans")
    async def upload(request: Request, file: Annotated[UploadFile, File()]) -> Response:
        data = await file.read(MAX_UPLOAD + 1)
        plan_id = service.add_plan(file.filename or "plan", data)
        return see(f"/plans/{plan_id}")

    @router.get("/plans/{plan_id}", response_class=HTMLResponse)
    def plan_page(request: Request, plan_id: int) -> HTMLResponse:
        from roster.check.usable import plan_warnings
        from roster.plan.index import PlanIndex
        from roster.plan.summary import render as render_summary
        from roster.plan.summary import summarize

        lang = request_lang(request)
        row = store.plan(plan_id)
        if row is None:
            raise HTTPException(404, "no such plan")
        plan = views.stored_plan(store, plan_id)
        warnings = plan_warnings(PlanIndex(plan), views.rules())
        return render(
            request,
            "plan.html",
            lang,
            row=row,
            plan=plan,
            summary=render_summary(summarize(plan), lang, warnings),
            versions=store.versions(plan_id),
            jobs=[service.job_json(j) for j in store.jobs(plan_id)[:5]],
            checks=store.checks(plan_id),
            period=f"{fmt_date(plan.start, lang)} – {fmt_date(plan.dates[-1], lang)}",
        )

    @router.get("/plans/{plan_id}/staff", response_class=HTMLResponse)
    def staff_page(request: Request, plan_id: int) -> HTMLResponse:
        """The plan's staff page: the only page with the health and family reasons (the
        profiles people are given, and why they are absent)."""
        from roster.plan.index import PlanIndex

        lang = request_lang(request)
        row = store.plan(plan_id)
        if row is None:
            raise HTTPException(404, "no such plan")
        plan = views.stored_plan(store, plan_id)
        limits = dict(limits_rows(PlanIndex(plan), lang)[1:]) if plan.staff else {}
        absences = {s.id: [a for a in plan.absences if a.staff == s.id] for s in plan.staff}
        return render(
            request,
            "staff.html",
            lang,
            row=row,
            plan=plan,
            limits=limits,
            absences=absences,
            skills=lambda names: tables_join([skill_label(n, lang) for n in names], lang),
        )

    @router.post("/plans/{plan_id}/solve")
    def solve(
        request: Request, plan_id: int, time_limit: Annotated[float, Form()] = 30
    ) -> Response:
        if store.plan(plan_id) is None:
            raise HTTPException(404, "no such plan")
        limit = min(max(time_limit, 1.0), 600.0)
        return see(f"/jobs/{service.solve(plan_id, limit, request_lang(request))}")

    @router.post("/plans/{plan_id}/check", response_class=HTMLResponse)
    async def check(
        request: Request, plan_id: int, file: Annotated[UploadFile, File()]
    ) -> HTMLResponse:
        row = store.plan(plan_id)
        if row is None:
            raise HTTPException(404, "no such plan")
        data = await file.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            from roster.web.files import UploadError

            raise UploadError(413, "upload_too_large", {"mib": MAX_UPLOAD // 2**20})
        lang = request_lang(request)
        done = views.check_upload_roster(store, plan_id, file.filename or "roster", data, lang)
        store.add_check(plan_id, file.filename or "roster", data, done.exit_code, done.lines)
        return render(request, "check.html", lang, row=row, done=done, name=file.filename)

    @router.get("/jobs/{job_id}", response_class=HTMLResponse)
    def job_page(request: Request, job_id: int) -> HTMLResponse:
        found = store.job(job_id)
        if found is None:
            raise HTTPException(404, "no such job")
        row = store.plan(found.plan_id)
        return render(
            request, "job.html", request_lang(request), job=service.job_json(found), row=row
        )

    @router.get("/jobs/{job_id}/status", response_class=HTMLResponse)
    def job_status(request: Request, job_id: int) -> HTMLResponse:
        found = store.job(job_id)
        if found is None:
            raise HTTPException(404, "no such job")
        response = render(request, "_job.html", request_lang(request), job=service.job_json(found))
        if request.headers.get("hx-request") and found.version_id is not None:
            response.headers["HX-Redirect"] = f"/versions/{found.version_id}"
        return response

    @router.post("/jobs/{job_id}/stop")
    def stop(request: Request, job_id: int) -> Response:
        if store.job(job_id) is None:
            raise HTTPException(404, "no such job")
        service.runner.stop(job_id)
        if request.headers.get("hx-request"):
            return job_status(request, job_id)
        return see(f"/jobs/{job_id}")

    @router.get("/versions/{version_id}", response_class=HTMLResponse)
    def version_page(request: Request, version_id: int) -> HTMLResponse:
        lang = request_lang(request)
        version = service.version_or_404(version_id)
        row = store.plan(version.plan_id)
        view = views.version_view(store, version, lang)
        shown = view.published
        sections = [
            (key, name, Markup(markup))
            for key, name, markup in report_sections(shown, lang)
            if key != "people"
        ]
        from roster.check.watch import holes

        index = view.roster.index
        changes, messages = views.changes_of(store, version_id)
        return render(
            request,
            "version.html",
            lang,
            version=version,
            row=row,
            plan=view.plan,
            sections=sections,
            status=status_lines(view.roster, shown.gaps, holes(view.roster), lang, None),
            hard=len(view.report.hard),
            people=people_rows(view.roster, lang),
            days=[day_label(d, lang) for d in index.dates],
            dates=[d.isoformat() for d in index.dates],
            busiest=_busiest(view),
            changes=changes,
            messages=messages,
            files=store.file_names(version_id),
            parent=store.version(version.parent_id) if version.parent_id else None,
            report_css=Markup(REPORT_CSS),
            place=lambda p: place_name(index, p, lang) if p else "",
            shift_name={s.id: s.name for s in index.shifts},
            staff_name={s.id: s.name for s in view.plan.staff},
            day=lambda d: fmt_date(dt.date.fromisoformat(d), lang),
        )

    @router.post("/versions/{version_id}/reschedule")
    def reschedule(
        request: Request,
        version_id: int,
        staff: Annotated[str, Form()],
        start: Annotated[str, Form(alias="from")],
        end: Annotated[str, Form(alias="to")] = "",
        time_limit: Annotated[float, Form()] = 10,
        assign: Annotated[str, Form()] = "",
    ) -> Response:
        version = service.version_or_404(version_id)
        body = RescheduleBody.model_validate(
            {
                "staff": staff,
                "from": start,
                "to": end or None,
                "time_limit": min(max(time_limit, 1.0), 600.0),
                "assign": assign or None,
            }
        )
        return see(f"/jobs/{service.reschedule(version, body, request_lang(request))}")

    @router.get("/versions/{version_id}/cover", response_class=HTMLResponse)
    def cover_page(request: Request, version_id: int, staff: str) -> HTMLResponse:
        lang = request_lang(request)
        version = service.version_or_404(version_id)
        start = request.query_params.get("from", "")
        end = request.query_params.get("to", "")
        plan = views.version_plan(store, version)
        found = views.cover_of(store, version, staff, start, end or None, lang)
        names = {s.id: s.name for s in plan.staff}
        from roster.plan.index import PlanIndex

        index = PlanIndex(plan)
        return render(
            request,
            "cover.html",
            lang,
            version=version,
            staff=staff,
            staff_label=names.get(staff, staff),
            start=start,
            end=end,
            duties=found["duties"],
            names=names,
            place=lambda p: place_name(index, p, lang),
            shift_name={s.id: s.name for s in plan.shifts},
            day=lambda d: fmt_date(dt.date.fromisoformat(d), lang),
        )

    @router.post("/versions/{version_id}/publish")
    def publish(version_id: int) -> Response:
        service.version_or_404(version_id)
        store.publish(version_id)
        return see(f"/versions/{version_id}")

    @router.post("/versions/{version_id}/next-week")
    def next_week(version_id: int) -> Response:
        return see(f"/plans/{service.next_week(service.version_or_404(version_id))}")

    @router.get("/versions/{version_id}/people/{staff_id}", response_class=HTMLResponse)
    def person_page(request: Request, version_id: int, staff_id: str) -> HTMLResponse:
        """A person's own duties, for their phone: limits shown as limits, never why."""
        lang = request_lang(request)
        version = service.version_or_404(version_id)
        view = views.version_view(store, version, lang)
        index = view.roster.index
        if staff_id not in index.person_by_id:
            raise HTTPException(404, "no such person")
        person = index.person_by_id[staff_id]
        return render(
            request,
            "person.html",
            lang,
            version=version,
            plan=view.plan,
            person=person.staff,
            duties=views.person_duties(view, staff_id, lang),
            limits=views.person_limits(index, staff_id, lang),
        )

    _ = RescheduleBody
    return router


def _busiest(view: views.VersionView) -> str | None:
    """Who has the most hours from the form's first day on (the third day of the period):
    the one the browser test marks ill."""
    first = min(2, view.roster.index.days - 1)
    hours: dict[str, int] = {}
    for duty in view.roster.duties:
        if duty.slot.day >= first:
            person = view.roster.index.people[duty.person].id
            hours[person] = hours.get(person, 0) + duty.slot.minutes
    return max(hours, key=lambda p: hours[p]) if hours else None

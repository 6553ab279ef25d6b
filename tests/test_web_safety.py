"""``roster serve``'s guard: bad uploads refused with nothing stored, the token, requests
from other sites, the loopback host, the refusal to listen on the network without a
token, and a server stopped mid-solve. No solve runs here."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from roster.cli.app import app as cli
from roster.web.app import create_app
from roster.web.store import Store
from tests.web_helpers import WORKBOOK, folder_zip, upload

TOKEN = "s3cret-token"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path, None)) as client:
        yield client


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def _count(client: TestClient) -> int:
    return len(client.get("/api/plans").json())


BAD_UPLOADS = {
    "too large": ("big.xlsx", b"PK\x03\x04" + b"\0" * (10 * 1024 * 1024 + 10), 413),
    "not a plan": ("plan.txt", b"staff,name\ns1,A\n", 400),
    "not a zip": ("plan.xlsx", b"PK\x03\x04 but not really a zip", 400),
    "path outside": ("plan.zip", _zip({"plan.toml": b"", "../evil.csv": b"x"}), 400),
    "absolute path": ("plan.zip", _zip({"plan.toml": b"", "/etc/evil.csv": b"x"}), 400),
    "expands too far": ("plan.zip", _zip({"plan.toml": b"", "staff.csv": b"\0" * (51 << 20)}), 400),
    "no plan.toml": ("plan.zip", _zip({"staff.csv": b"id,name\n"}), 400),
}


@pytest.mark.parametrize("case", BAD_UPLOADS, ids=list(BAD_UPLOADS))
def test_bad_upload_refused_and_nothing_stored(client: TestClient, case: str) -> None:
    name, data, status = BAD_UPLOADS[case]
    before = _count(client)
    answer = upload(client, name, data)
    assert answer.status_code == status
    assert answer.json()["detail"]  # a sentence to show
    assert _count(client) == before
    page = client.post("/plans", files={"file": (name, data)})
    assert page.status_code == status
    assert _count(client) == before


def test_invalid_plan_lists_every_problem(client: TestClient) -> None:
    data = folder_zip(
        replace={
            "staff.csv": (",pregnant,", ",pregant,"),
            "shifts.csv": ("20:00,08:00", "20:00,25:00"),
        }
    )
    answer = upload(client, "plan.zip", data, params={"lang": "en"})
    assert answer.status_code == 422
    errors = answer.json()["errors"]
    assert {e["file"] for e in errors} >= {"staff.csv", "shifts.csv"}
    staff = next(e for e in errors if e["file"] == "staff.csv")
    assert staff["row"]
    assert staff["column"] == "profiles"
    assert staff["value"] == "pregant"
    assert "pregnant" in staff["message"]
    assert _count(client) == 0
    page = client.post("/plans", files={"file": ("plan.zip", data)})
    assert page.status_code == 422
    assert "pregant" in page.text
    assert _count(client) == 0


def test_token_rules(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path, TOKEN)) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/api/plans").status_code == 401
        assert upload(client, "plan.xlsx", WORKBOOK.read_bytes()).status_code == 401
        assert client.get("/").status_code == 401  # the sign-in form
        assert 'name="token"' in client.get("/").text
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        assert client.get("/api/plans", headers=bearer).status_code == 200
        assert client.get("/api/plans", headers={"Authorization": "Bearer nope"}).status_code == 401
        wrong = client.post("/login", data={"token": "nope", "next": "/"})
        assert wrong.status_code == 401
        signed = client.post("/login", data={"token": TOKEN, "next": "/"}, follow_redirects=False)
        assert signed.status_code == 303
        cookie = signed.headers["set-cookie"].lower()
        assert "httponly" in cookie
        assert "samesite=strict" in cookie
        assert TOKEN not in signed.headers["set-cookie"]
        assert client.get("/").status_code == 200  # the cookie now
        assert client.get("/api/plans").status_code == 200


def test_posts_from_another_site_refused(client: TestClient) -> None:
    data = WORKBOOK.read_bytes()
    evil = upload(client, "plan.xlsx", data, headers={"Origin": "http://evil.example"})
    assert evil.status_code == 403
    evil = upload(client, "plan.xlsx", data, headers={"Referer": "http://evil.example/x"})
    assert evil.status_code == 403
    assert _count(client) == 0
    same = upload(client, "plan.xlsx", data, headers={"Origin": "http://testserver"})
    assert same.status_code == 201


def test_loopback_server_refuses_other_host_names(client: TestClient) -> None:
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_serve_refuses_network_without_token(tmp_path: Path) -> None:
    done = CliRunner().invoke(
        cli, ["serve", "--host", "0.0.0.0", "--data", str(tmp_path)], env={"ROSTER_TOKEN": ""}
    )
    assert done.exit_code == 2
    assert "token" in done.output


def test_restart_marks_unfinished_jobs_interrupted(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path, None)) as client:
        plan = upload(client, "plan.xlsx", WORKBOOK.read_bytes()).json()["id"]
    store = Store(tmp_path)
    # What a server killed mid-solve leaves behind: a job still marked running.
    job = store.add_job(plan, "solve", {"time_limit": 1}, None)
    assert store.start_job(job)
    with TestClient(create_app(tmp_path, None)) as client:
        found = client.get(f"/api/jobs/{job}").json()
        assert found["state"] == "interrupted"
        assert found["version"] is None
        assert client.get(f"/jobs/{job}").status_code == 200
        assert len(client.get("/api/plans").json()) == 1


def test_pages_in_both_languages(client: TestClient) -> None:
    zh = client.get("/?lang=zh")
    en = client.get("/?lang=en")
    assert "上传排班计划" in zh.text
    assert "Upload a plan" in en.text
    assert "roster_lang=en" in en.headers["set-cookie"]
    assert "Upload a plan" in client.get("/").text  # the switch is remembered
    assert "cdn" not in en.text.lower()
    assert "https://" not in en.text
    assert client.get("/static/htmx.min.js").status_code == 200
    template = client.get("/template.xlsx")
    assert template.status_code == 200
    assert template.content.startswith(b"PK")

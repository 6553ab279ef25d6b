"""Who may use the page, and from where.

* Loopback by default. On any other address the server needs a token (``roster serve``
  refuses to start without one); then every request but ``/healthz``, the login form and
  the static files must carry it: ``Authorization: Bearer TOKEN``, or the session cookie
  the login form sets (HttpOnly, SameSite=Strict). Otherwise 401.
* Every POST must come from the page itself: a browser always sends ``Origin`` (or at
  least ``Referer``) on a cross-site POST, and one naming another site is refused (403).
  Scripts that send neither (curl) are let through; with a token they need it anyway.
* Served on loopback, the ``Host`` must be a loopback name, so that a web site cannot reach
  the server through a name of its own that resolves to 127.0.0.1 (DNS rebinding).
* A request body over the upload limit is refused before it is read (413).
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlsplit

from starlette.requests import Request

from roster.web.files import MAX_UPLOAD

SESSION_COOKIE = "roster_session"
LANG_COOKIE = "roster_lang"
#: Paths anyone may open: the health check, the login form and the page's own script.
OPEN_PATHS = ("/healthz", "/login")
OPEN_PREFIXES = ("/static/",)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]", "testserver")
#: The multipart envelope around an upload may add this much to the file.
ENVELOPE = 256 * 1024


def is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1") or host.startswith("127.")


def session_value(token: str) -> str:
    """The session cookie's value for ``token``: it proves the token was given, without
    being the token."""
    return hmac.new(token.encode(), b"roster-session-v1", hashlib.sha256).hexdigest()


def authorized(request: Request, token: str | None) -> bool:
    """Whether the request carries the token (or no token is needed)."""
    if token is None:
        return True
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer ") and hmac.compare_digest(
        header[7:].strip().encode(), token.encode()
    ):
        return True
    cookie = request.cookies.get(SESSION_COOKIE, "")
    return hmac.compare_digest(cookie.encode(), session_value(token).encode())


def open_path(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)


def same_origin(request: Request) -> bool:
    """Whether a POST comes from the page itself (or from a script, which sends neither
    ``Origin`` nor ``Referer``)."""
    host = request.headers.get("host", "")
    origin = request.headers.get("origin")
    if origin is not None:
        return origin != "null" and urlsplit(origin).netloc == host
    referer = request.headers.get("referer")
    if referer is not None:
        return urlsplit(referer).netloc == host
    return True


def host_allowed(request: Request, loopback: bool) -> bool:
    """Served on loopback: the ``Host`` header names loopback."""
    if not loopback:
        return True
    host = request.headers.get("host", "")
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return name in LOOPBACK_HOSTS or name.startswith("127.")


def too_large(request: Request) -> bool:
    """A body announced larger than any upload may be."""
    length = request.headers.get("content-length")
    return length is not None and length.isdigit() and int(length) > MAX_UPLOAD + ENVELOPE

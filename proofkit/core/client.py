"""Sending a TimeStampReq over HTTP(S) and classifying what goes wrong.

Only the request (a digest, a nonce, flags) is sent. Failures are split into *transient*
(timeout, refused connection, HTTP 5xx, DNS: worth a retry, and a stamp waits as pending) and
*definite* (the TSA answered something that is not a time stamp: no retry).
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from functools import lru_cache

from .. import __version__
from .credentials import Credentials, redact
from .errors import TSAError

USER_AGENT = f"ProofKit/{__version__} (RFC 3161 client)"
# The budget for one TSA, retries included (stamping.request_receipt spends it): public TSAs
# answer in well under a second; 20 s tolerates a slow mobile link. TSAs are asked
# concurrently, so a TSA that hangs costs a whole stamp 20 s, not three times that.
DEFAULT_TIMEOUT = 20.0
MAX_RESPONSE = 1 << 20  # a time-stamp response is a few KB; refuse to read megabytes


_TLS_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _tls_context_unlocked() -> ssl.SSLContext:
    import certifi

    ctx = ssl.create_default_context(cafile=certifi.where())
    try:
        ctx.load_default_certs()
    except ssl.SSLError:  # pragma: no cover - a broken system store is not fatal
        pass
    return ctx


def _tls_context() -> ssl.SSLContext:
    """One verifying TLS context for the process (Mozilla's roots and the system's), built the
    first time an https address is opened: loading some 300 roots costs tens of milliseconds
    of CPU, which a stamp sent to http TSAs (most public ones) should not pay, and two TSAs
    asked at once should not pay twice."""
    with _TLS_LOCK:
        return _tls_context_unlocked()


class _HTTPSWhenNeeded(urllib.request.HTTPSHandler):
    """urllib's https handler with the TLS context made on the first https request (an http
    TSA may still redirect to https; then it is made there)."""

    def https_open(self, req):  # noqa: D102
        if self._context is None:
            self._context = _tls_context()
        return super().https_open(req)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """urllib would follow a redirect to any host with the Authorization header still on."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102
        return None  # the 3xx then comes back as an HTTPError


@lru_cache(maxsize=2)
def _opener(follow_redirects: bool = True) -> urllib.request.OpenerDirector:
    # ProxyHandler() with no argument reads http_proxy/https_proxy/no_proxy from the environment.
    handlers = [urllib.request.ProxyHandler(), _HTTPSWhenNeeded()]
    if not follow_redirects:
        handlers.append(_NoRedirect())
    return urllib.request.build_opener(*handlers)


def _loopback(url: str) -> bool:
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    return host in ("localhost", "::1") or host.startswith("127.")


def post_query(url: str, query: bytes, *, timeout: float = DEFAULT_TIMEOUT,
               headers: Iterable[tuple[str, str]] = (),
               credentials: Credentials | None = None) -> bytes:
    """POST ``query`` to ``url``; return the response body exactly as received.

    ``headers``: fixed extra headers the TSA asks for; ``credentials``: its account (Basic
    auth, secret headers). No message raised here contains a secret of ``credentials``."""
    try:
        return _post(url, query, timeout, headers, credentials)
    except TSAError as exc:
        if credentials is not None:
            exc.message = redact(exc.message, credentials)
            exc.args = (exc.message,)
        raise


def _post(url: str, query: bytes, timeout: float, extra: Iterable[tuple[str, str]],
          credentials: Credentials | None) -> bytes:
    headers = dict(extra)
    account = credentials is not None and not credentials.empty
    if account:
        if urllib.parse.urlsplit(url).scheme.lower() != "https" and not _loopback(url):
            raise TSAError("ProofKit sends an account's password only over https, and this TSA's "
                           "address is plain http.", transient=True, retry_now=False)
        headers.update(credentials.http_headers())
    headers.update({
        "Content-Type": "application/timestamp-query",
        "Accept": "application/timestamp-reply",
        "User-Agent": USER_AGENT,
    })
    req = urllib.request.Request(url, data=query, method="POST", headers=headers)
    try:
        deadline = time.monotonic() + timeout
        with _opener(not account).open(req, timeout=timeout) as resp:
            body = _read_body(resp, deadline)
            ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403, 407):
            # No account, or a wrong or expired one: the receipt waits as pending, and
            # `proofkit sync` completes it once the account is saved (no retry now: the same
            # account would be refused again). The TSA's reason text is not repeated.
            if account:
                raise TSAError(f"The TSA refused the account (HTTP {exc.code}); check it with "
                               "`proofkit tsa login NAME`.", transient=True, retry_now=False) from None
            raise TSAError(f"The TSA asks for an account (HTTP {exc.code}); save it with "
                           "`proofkit tsa login NAME`.", transient=True, retry_now=False) from None
        if account and 300 <= exc.code < 400:
            raise TSAError(f"The TSA sent the request to another address (HTTP {exc.code}); ProofKit "
                           "does not follow it with an account's password.", transient=True,
                           retry_now=False) from None
        transient = exc.code >= 500 or exc.code in (408, 429)
        raise TSAError(
            f"The TSA answered with an HTTP error ({exc.code} {exc.reason}).", transient=transient
        ) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise TSAError("The TSA did not answer in time.", transient=True) from None
        if isinstance(reason, ConnectionRefusedError):
            raise TSAError("The TSA refused the connection (it may be down).", transient=True) from None
        if isinstance(reason, socket.gaierror):
            raise TSAError("The TSA's address could not be found (no network?).", transient=True,
                           retry_now=False) from None
        if isinstance(reason, ssl.SSLError):
            raise TSAError(f"The secure connection to the TSA failed ({reason}).", transient=True) from None
        raise TSAError(f"The TSA could not be reached ({reason}).", transient=True) from None
    except (TimeoutError, socket.timeout):
        raise TSAError("The TSA did not answer in time.", transient=True) from None
    except http.client.HTTPException as exc:  # IncompleteRead, a garbled status line...
        raise TSAError(f"The connection to the TSA broke off mid-answer ({type(exc).__name__}).",
                       transient=True) from None
    except (ConnectionError, OSError) as exc:
        raise TSAError(f"The connection to the TSA failed ({exc}).", transient=True) from None
    except ValueError as exc:  # a malformed URL
        raise TSAError(f"The TSA address is not usable ({exc}).", transient=False) from None
    if len(body) > MAX_RESPONSE:
        raise TSAError("The TSA sent far more data than a time stamp; it was refused.", transient=False)
    if ctype.startswith("text/"):
        # Most often a hotel or train Wi-Fi login page standing in for the TSA: the stamp waits
        # as pending for `sync`, without retrying now (the same page would come back).
        raise TSAError(
            f"The TSA answered with a web page ({ctype}), not a time stamp.", transient=True,
            retry_now=False,
        )
    if not body:
        raise TSAError("The TSA sent an empty answer.", transient=True)
    return body


def _read_body(resp, deadline: float) -> bytes:
    """Read at most MAX_RESPONSE + 1 bytes, giving up at ``deadline``: the socket timeout
    bounds each read, not a TSA that trickles a byte at a time."""
    chunks, total = [], 0
    while total <= MAX_RESPONSE:
        chunk = resp.read(min(65536, MAX_RESPONSE + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if time.monotonic() > deadline:
            raise TimeoutError
    return b"".join(chunks)

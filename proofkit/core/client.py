"""Sending a TimeStampReq over HTTP(S) and classifying what goes wrong.

Only the request (a digest, a nonce, flags) is sent. Failures are split into *transient*
(timeout, refused connection, HTTP 5xx, DNS: worth a retry, and a stamp waits as pending) and
*definite* (the TSA answered something that is not a time stamp: no retry).
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from functools import lru_cache

from .. import __version__
from .errors import TSAError

USER_AGENT = f"ProofKit/{__version__} (RFC 3161 client)"
# The budget for one TSA, retries included (stamping.request_receipt spends it): public TSAs
# answer in well under a second; 20 s tolerates a slow mobile link. TSAs are asked
# concurrently, so a TSA that hangs costs a whole stamp 20 s, not three times that.
DEFAULT_TIMEOUT = 20.0
MAX_RESPONSE = 1 << 20  # a time-stamp response is a few KB; refuse to read megabytes


@lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    import certifi

    ctx = ssl.create_default_context(cafile=certifi.where())
    try:
        ctx.load_default_certs()
    except ssl.SSLError:  # pragma: no cover - a broken system store is not fatal
        pass
    return ctx


@lru_cache(maxsize=1)
def _opener() -> urllib.request.OpenerDirector:
    # ProxyHandler() with no argument reads http_proxy/https_proxy/no_proxy from the environment.
    return urllib.request.build_opener(
        urllib.request.ProxyHandler(), urllib.request.HTTPSHandler(context=_tls_context())
    )


def post_query(url: str, query: bytes, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """POST ``query`` to ``url``; return the response body exactly as received."""
    req = urllib.request.Request(
        url,
        data=query,
        method="POST",
        headers={
            "Content-Type": "application/timestamp-query",
            "Accept": "application/timestamp-reply",
            "User-Agent": USER_AGENT,
        },
    )
    try:
        deadline = time.monotonic() + timeout
        with _opener().open(req, timeout=timeout) as resp:
            body = _read_body(resp, deadline)
            ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    except urllib.error.HTTPError as exc:
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

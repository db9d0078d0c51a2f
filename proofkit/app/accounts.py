"""Accounts for TSAs that need one (tsa.cn and other contracted services): save, remove,
and say what is set — never what the secret is.

The rule of where an account lives (the system password store, else the environment, never
a file) is in :mod:`proofkit.core.credentials`; this module only resolves the TSA by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from proofkit.core import credentials as cr
from proofkit.core.errors import InputError

if TYPE_CHECKING:
    from proofkit.core.registry import TSAInfo

    from .session import Session


@dataclass(frozen=True)
class AccountStatus:
    tsa: "TSAInfo"
    source: str | None  # "keyring" | "environment" | None (no account)
    username_set: bool
    headers: tuple[str, ...]  # names only
    store_available: bool


def _tsa(session: "Session", name: str) -> "TSAInfo":
    (tsa,) = session.tsas([name])
    return tsa


def login(session: "Session", name: str, *, username: str | None, password: str | None,
          headers: dict[str, str] | None = None) -> "TSAInfo":
    """Save the account of TSA ``name`` in the system password store. Raises InputError
    (one sentence, no secret in it) when it cannot be saved."""
    tsa = _tsa(session, name)
    creds = cr.Credentials(username, password, tuple((headers or {}).items()))
    if creds.empty:
        raise InputError("Give a user name and password, or a header, to save as the account.")
    if tsa.auth == "basic" and creds.username is None:
        raise InputError(f"The TSA '{tsa.name}' needs a user name and password.")
    missing = [h for h in tsa.secret_headers if h.lower() not in {k.lower() for k in (headers or {})}]
    if missing:
        raise InputError(f"The TSA '{tsa.name}' also needs the header {missing[0]}.")
    cr.save(tsa.name, creds)
    return tsa


def logout(session: "Session", name: str) -> bool:
    """Remove the saved account of TSA ``name``; False when there was none."""
    return cr.forget(_tsa(session, name).name)


def status(session: "Session", name: str) -> AccountStatus:
    tsa = _tsa(session, name)
    try:
        creds = cr.load(tsa.name, tsa.secret_headers)
    except cr.CredentialError:
        creds = None
    return AccountStatus(tsa, creds.source if creds else None, bool(creds and creds.username),
                         tuple(n for n, _ in creds.headers) if creds else (), cr.store_available())

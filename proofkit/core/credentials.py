"""Accounts for TSAs that need one (HTTP Basic auth, custom headers such as an API key).

Where the secrets live:

* in the operating system's password store (Windows Credential Manager, macOS Keychain,
  the Secret Service of GNOME/KDE/Deepin on Linux) through the ``keyring`` package, one
  entry per TSA under the service name ``ProofKit TSA``;
* or, on a computer with no password store (a server, a minimal Linux, a container), in
  environment variables the user sets for the session: ``PROOFKIT_TSA_<NAME>_USER``,
  ``PROOFKIT_TSA_<NAME>_PASSWORD`` and ``PROOFKIT_TSA_<NAME>_HEADER_<HEADER>`` (``<NAME>``
  and ``<HEADER>`` upper-cased, every character other than a letter or digit as ``_``).
  They are read, never written: ProofKit refuses to save a password when there is no
  password store rather than fall back to a file, which anyone with a copy of the home
  folder (a backup, a synced folder) could read.

Secrets never go into the ledger, a bundle, a log or an error message: :class:`Credentials`
hides them from ``repr`` (so a logged object or a traceback's argument shows nothing), and
:func:`redact` removes them (and their Basic-auth encoding) from any text that came back
from a TSA before it is shown or stored.
"""

from __future__ import annotations

import base64
import json
import os
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import InputError, TSAError

if TYPE_CHECKING:  # pragma: no cover
    from .registry import TSAInfo

KEYRING_SERVICE = "ProofKit TSA"
ENV_PREFIX = "PROOFKIT_TSA_"
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")  # an HTTP header name (RFC 9110 token)
#: Headers ProofKit sets itself; an account may not replace them.
RESERVED_HEADERS = frozenset({"content-type", "content-length", "accept", "host", "user-agent",
                              "connection", "transfer-encoding"})
NO_STORE = ("This computer has no password store (keyring) that ProofKit can use, so the "
            "account was not saved; ProofKit never writes passwords to a file. Set "
            "{env}USER and {env}PASSWORD in the environment instead (see the README).")


class CredentialError(InputError):
    """Credentials that cannot be saved or read; the message never contains a secret."""


@dataclass(frozen=True)
class Credentials:
    """A TSA account. Nothing secret shows in repr(), str() or a traceback's locals."""

    username: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    headers: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    source: str = ""  # "keyring" | "environment" | "" (given directly)

    def __post_init__(self) -> None:
        if (self.username is None) != (self.password is None):
            raise CredentialError("Give both a user name and a password, or neither.")
        if self.username is not None and ":" in self.username:
            raise CredentialError("A user name for HTTP Basic auth cannot contain ':'.")
        for value in (self.username, self.password):
            if value is not None and _has_control(value):
                raise CredentialError("A user name or password cannot contain line breaks or control characters.")
        for name, value in self.headers:
            check_header(name, value)

    def __repr__(self) -> str:
        return f"Credentials(<hidden>, source={self.source!r})"

    __str__ = __repr__

    @property
    def empty(self) -> bool:
        return self.username is None and not self.headers

    def http_headers(self) -> dict[str, str]:
        """The request headers this account adds: Authorization (Basic) and custom ones."""
        out = {name: value for name, value in self.headers}
        if self.username is not None:
            pair = f"{self.username}:{self.password}".encode("utf-8")
            out["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
        return out

    def secrets(self) -> list[str]:
        """Every string that must never be shown: the password, header values, the Basic
        token. (The user name too: it names a paying customer of the TSA.)"""
        out = [v for _, v in self.headers]
        if self.username is not None:
            out += [self.username, self.password or "", self.http_headers()["Authorization"].split(" ", 1)[1]]
        return [s for s in out if s]


def _has_control(s: str) -> bool:
    return any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in s)


def check_header(name: str, value: str) -> None:
    if not _TOKEN.match(name or ""):
        raise CredentialError(f"'{name}' is not a valid HTTP header name.")
    if name.lower() in RESERVED_HEADERS:
        raise CredentialError(f"The header '{name}' is set by ProofKit itself and cannot be changed.")
    if _has_control(value):
        raise CredentialError(f"The value of the header '{name}' cannot contain line breaks or control characters.")


def redact(text: str | None, creds: Credentials | None) -> str | None:
    """``text`` with every secret of ``creds`` replaced by ``***`` (a hostile or careless TSA
    may echo the Authorization header back in its error page or status line)."""
    if not text or creds is None:
        return text
    for secret in sorted(creds.secrets(), key=len, reverse=True):
        if len(secret) >= 3:  # a one- or two-letter user name would blank out ordinary words
            text = text.replace(secret, "***")
    return text


# ---------------------------------------------------------------------------- where they live


def env_prefix(tsa_name: str) -> str:
    return ENV_PREFIX + re.sub(r"[^A-Za-z0-9]", "_", tsa_name).upper() + "_"


def _from_environment(tsa_name: str, header_names: tuple[str, ...] = ()) -> Credentials | None:
    pre = env_prefix(tsa_name)
    user, password = os.environ.get(pre + "USER"), os.environ.get(pre + "PASSWORD")
    headers = []
    for name in header_names:
        value = os.environ.get(pre + "HEADER_" + re.sub(r"[^A-Za-z0-9]", "_", name).upper())
        if value is not None:
            headers.append((name, value))
    if user is None and password is None and not headers:
        return None
    if (user is None) != (password is None):
        raise CredentialError(f"Set both {pre}USER and {pre}PASSWORD, or neither.")
    return Credentials(user, password, tuple(headers), source="environment")


def _keyring():
    """The keyring module when a real password store backs it, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # noqa: BLE001 - not installed or broken: the same as no store
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001
        return None
    inner = getattr(backend, "backends", None)  # a ChainerBackend: usable if any part is
    parts = list(inner) if inner is not None else [backend]
    usable = [b for b in parts if not isinstance(b, fail.Keyring) and getattr(b, "priority", 1) > 0]
    if not usable:
        return None
    if type(backend).__module__.startswith("keyrings.alt") or any(
            type(b).__module__.startswith("keyrings.alt") for b in usable):
        return None  # keyrings.alt's "plaintext"/"encrypted file" stores are files, not a store
    return keyring


def store_available() -> bool:
    """Whether this computer has a password store ProofKit will save accounts in."""
    return _keyring() is not None


def save(tsa_name: str, creds: Credentials) -> None:
    """Keep ``creds`` for ``tsa_name`` in the OS password store; refuses (CredentialError)
    when there is none, never falling back to a file."""
    kr = _keyring()
    if kr is None:
        raise CredentialError(NO_STORE.format(env=env_prefix(tsa_name)))
    doc = {"username": creds.username, "password": creds.password,
           "headers": [list(h) for h in creds.headers]}
    try:
        kr.set_password(KEYRING_SERVICE, tsa_name, json.dumps(doc))
    except Exception as exc:  # noqa: BLE001 - a locked or refusing store
        raise CredentialError(f"The password store refused to save the account ({type(exc).__name__}).") from None


def forget(tsa_name: str) -> bool:
    """Remove the saved account of ``tsa_name``; False when there was none."""
    kr = _keyring()
    if kr is None:
        return False
    try:
        if kr.get_password(KEYRING_SERVICE, tsa_name) is None:
            return False
        kr.delete_password(KEYRING_SERVICE, tsa_name)
    except Exception as exc:  # noqa: BLE001
        raise CredentialError(f"The password store could not remove the account ({type(exc).__name__}).") from None
    return True


def load(tsa_name: str, header_names: tuple[str, ...] = ()) -> Credentials | None:
    """The account for ``tsa_name``: the environment first (it is set on purpose, for this
    session), then the password store. None when neither has one."""
    env = _from_environment(tsa_name, header_names)
    if env is not None:
        return env
    kr = _keyring()
    if kr is None:
        return None
    try:
        raw = kr.get_password(KEYRING_SERVICE, tsa_name)
    except Exception as exc:  # noqa: BLE001 - locked, D-Bus gone...
        raise CredentialError(f"The password store could not be read ({type(exc).__name__}); "
                              "unlock it and try again.") from None
    if raw is None:
        return None
    try:
        doc = json.loads(raw)
        return Credentials(doc.get("username"), doc.get("password"),
                           tuple((str(n), str(v)) for n, v in doc.get("headers") or []),
                           source="keyring")
    except (ValueError, TypeError, AttributeError):
        raise CredentialError(f"The saved account of '{tsa_name}' is damaged; save it again with "
                              f"`proofkit tsa login {tsa_name}`.") from None


def for_tsa(tsa: "TSAInfo") -> Credentials | None:
    """The account to send to ``tsa``, or None. A TSA the registry marks as needing an
    account and none saved raises TSAError (transient, no retry now: the receipt waits as
    pending and ``proofkit sync`` completes it once the account is saved). Only the
    environment is consulted for TSAs that do not ask for an account, so stamping with the
    public TSAs never wakes the password store (which may prompt to be unlocked)."""
    needs = tsa.auth != "none" or bool(tsa.secret_headers)
    try:
        creds = (load(tsa.name, tsa.secret_headers) if needs
                 else _from_environment(tsa.name, tsa.secret_headers))
    except CredentialError as exc:
        raise TSAError(exc.message, transient=True, retry_now=False) from None
    if needs and (creds is None or (tsa.auth == "basic" and creds.username is None)):
        raise TSAError(f"The TSA '{tsa.name}' needs an account: save it with "
                       f"`proofkit tsa login {tsa.name}` (see the README).",
                       transient=True, retry_now=False)
    if needs and tsa.secret_headers:
        missing = [h for h in tsa.secret_headers if h.lower() not in {n.lower() for n, _ in creds.headers}]
        if missing:
            raise TSAError(f"The account saved for '{tsa.name}' lacks the header {missing[0]}; save it "
                           f"again with `proofkit tsa login {tsa.name}`.", transient=True, retry_now=False)
    return creds

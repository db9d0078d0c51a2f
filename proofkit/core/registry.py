"""The registry of public Time-Stamping Authorities ProofKit knows (``resources/tsa/registry.json``)
and the root certificates pinned for each.

Only the standard library is imported at module level; ``cryptography`` is imported when
certificates are actually loaded. No Qt here.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable
from urllib.parse import urlsplit

from proofkit.core.errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from cryptography import x509

REGISTRY_FORMAT = "proofkit-tsa-registry"
REGISTRY_VERSION = 1
DEFAULT_HASH_ALGORITHMS: tuple[str, ...] = ("sha256", "sha384", "sha512")

_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class RootPin:
    file: str  # relative to resources/tsa/, e.g. "roots/digicert-trusted-root-g4.pem"
    sha256: str  # lowercase hex SHA-256 of the certificate's DER encoding
    subject: str
    published_at: str


@dataclass(frozen=True)
class TSAInfo:
    name: str
    display_name: str
    url: str
    operator: str
    country: str
    hash_algorithms: tuple[str, ...]
    key_type: str
    roots: tuple[RootPin, ...]
    default: bool
    min_interval_seconds: float
    notes: str
    qualified: bool
    # Accounts (optional fields of the registry): "none" or "basic" (HTTP Basic auth);
    # names of headers whose values are the account's secrets (an API key...); fixed,
    # non-secret headers the TSA asks for; where to get an account.
    auth: str = "none"
    secret_headers: tuple[str, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    account_info: str = ""

    @property
    def needs_account(self) -> bool:
        return self.auth != "none" or bool(self.secret_headers)


def _tsa_dir():
    return resources.files("proofkit.resources") / "tsa"


def _is_http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _require(obj: dict, key: str, types: type | tuple[type, ...], where: str) -> Any:
    if key not in obj:
        raise ValueError(f"TSA registry: {where} is missing the field '{key}'")
    value = obj[key]
    # bool is an int subclass: never accept it where a number is expected, or vice versa.
    if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
        raise ValueError(f"TSA registry: {where}: field '{key}' has the wrong type (bool)")
    if not isinstance(value, types):
        raise ValueError(
            f"TSA registry: {where}: field '{key}' has the wrong type ({type(value).__name__})"
        )
    return value


def _parse_root(raw: Any, where: str) -> RootPin:
    if not isinstance(raw, dict):
        raise ValueError(f"TSA registry: {where} is not an object")
    file = _require(raw, "file", str, where)
    sha = _require(raw, "sha256", str, where).lower().replace(":", "")
    if not _HEX64.match(sha):
        raise ValueError(f"TSA registry: {where}: 'sha256' is not 64 hex digits")
    if not file.startswith("roots/") or ".." in file.split("/"):
        raise ValueError(f"TSA registry: {where}: 'file' must be a path under roots/")
    return RootPin(
        file=file,
        sha256=sha,
        subject=_require(raw, "subject", str, where),
        published_at=_require(raw, "published_at", str, where),
    )


def _parse_tsa(raw: Any, index: int) -> TSAInfo:
    where = f"entry #{index}"
    if not isinstance(raw, dict):
        raise ValueError(f"TSA registry: {where} is not an object")
    name = _require(raw, "name", str, where)
    where = f"TSA '{name}'"
    if not name or name != name.lower() or name.strip() != name:
        raise ValueError(f"TSA registry: {where}: names must be non-empty lowercase ids")
    url = _require(raw, "url", str, where)
    if not _is_http_url(url):
        raise ValueError(f"TSA registry: {where}: url {url!r} is not an http(s) URL")
    algs = _require(raw, "hash_algorithms", list, where)
    if not algs or not all(isinstance(a, str) and a for a in algs):
        raise ValueError(f"TSA registry: {where}: 'hash_algorithms' must be a non-empty list of names")
    roots_raw = _require(raw, "roots", list, where)
    interval = _require(raw, "min_interval_seconds", (int, float), where)
    if interval < 0:
        raise ValueError(f"TSA registry: {where}: 'min_interval_seconds' is negative")
    auth = raw.get("auth", "none")
    if auth not in ("none", "basic"):
        raise ValueError(f"TSA registry: {where}: 'auth' must be 'none' or 'basic'")
    secret_headers = raw.get("secret_headers", [])
    fixed_headers = raw.get("headers", {})
    if not isinstance(secret_headers, list) or not all(isinstance(h, str) for h in secret_headers):
        raise ValueError(f"TSA registry: {where}: 'secret_headers' must be a list of header names")
    if not isinstance(fixed_headers, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in fixed_headers.items()):
        raise ValueError(f"TSA registry: {where}: 'headers' must map header names to text")
    from .credentials import CredentialError, check_header

    try:
        for h in secret_headers:
            check_header(h, "")
        for k, v in fixed_headers.items():
            check_header(k, v)
    except CredentialError as exc:
        raise ValueError(f"TSA registry: {where}: {exc.message}") from None
    if (auth != "none" or secret_headers) and raw.get("default") is True:
        raise ValueError(f"TSA registry: {where}: a TSA that needs an account cannot be on by default")
    account_info = raw.get("account_info", "")
    if not isinstance(account_info, str):
        raise ValueError(f"TSA registry: {where}: 'account_info' must be text")
    return TSAInfo(
        name=name,
        display_name=_require(raw, "display_name", str, where),
        url=url,
        operator=_require(raw, "operator", str, where),
        country=_require(raw, "country", str, where),
        hash_algorithms=tuple(a.lower() for a in algs),
        key_type=_require(raw, "key_type", str, where),
        roots=tuple(
            _parse_root(r, f"{where}, root #{i}") for i, r in enumerate(roots_raw)
        ),
        default=_require(raw, "default", bool, where),
        min_interval_seconds=float(interval),
        notes=_require(raw, "notes", str, where),
        qualified=_require(raw, "qualified", bool, where),
        auth=auth,
        secret_headers=tuple(secret_headers),
        headers=tuple(fixed_headers.items()),
        account_info=account_info,
    )


def parse_registry(doc: Any) -> list[TSAInfo]:
    """Validate a decoded registry document and return its TSAs. Raises ValueError."""
    if not isinstance(doc, dict):
        raise ValueError("TSA registry: the top level is not a JSON object")
    if doc.get("format") != REGISTRY_FORMAT:
        raise ValueError(
            f"TSA registry: format is {doc.get('format')!r}, expected {REGISTRY_FORMAT!r}"
        )
    version = doc.get("version")
    if version != REGISTRY_VERSION or isinstance(version, bool):
        raise ValueError(
            f"TSA registry: version {version!r} is not supported (this ProofKit reads "
            f"version {REGISTRY_VERSION})"
        )
    raw_tsas = doc.get("tsas")
    if not isinstance(raw_tsas, list) or not raw_tsas:
        raise ValueError("TSA registry: 'tsas' must be a non-empty list")
    tsas = [_parse_tsa(raw, i) for i, raw in enumerate(raw_tsas)]
    seen: set[str] = set()
    for t in tsas:
        if t.name in seen:
            raise ValueError(f"TSA registry: the name '{t.name}' appears twice")
        seen.add(t.name)
    return tsas


def load_registry(path: str | Path | None = None) -> list[TSAInfo]:
    """Load and validate the shipped registry (or the JSON file at ``path``).

    Raises ValueError with a clear message when the file is unreadable or invalid.
    """
    try:
        if path is None:
            text = (_tsa_dir() / "registry.json").read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"TSA registry: cannot read it ({exc})") from exc
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"TSA registry: not valid JSON ({exc})") from exc
    return parse_registry(doc)


def _norm_url(url: str) -> str:
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    netloc = (parts.hostname or "").lower()
    if parts.port is not None:
        netloc += f":{parts.port}"
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme.lower()}://{netloc}{path}{query}"


def find_tsa(name_or_url: str, registry: Iterable[TSAInfo] | None = None) -> TSAInfo:
    """A TSA by registry name (case-insensitive) or by URL.

    An http(s) URL that is not in the registry gives an ad-hoc entry with no pinned roots.
    An unknown name raises InputError.
    """
    tsas = list(load_registry() if registry is None else registry)
    query = name_or_url.strip()
    lowered = query.lower()
    for t in tsas:
        if t.name == lowered:
            return t
    if lowered.startswith(("http://", "https://")):
        if not _is_http_url(query):
            raise InputError(f"'{query}' is not a usable http(s) URL for a TSA.")
        if "@" in (urlsplit(query).netloc or ""):
            # the URL is stored with every receipt and printed in bundles: a password in it
            # would end up there. (The URL itself is not repeated: it holds the password.)
            raise InputError("A TSA address cannot carry a user name or password; save the account "
                             "with `proofkit tsa login NAME` instead.")
        wanted = _norm_url(query)
        for t in tsas:
            if _norm_url(t.url) == wanted:
                return t
        host = urlsplit(query).hostname or query
        return TSAInfo(
            name=host,
            display_name=url_label(query),
            url=query,
            operator="",
            country="",
            hash_algorithms=DEFAULT_HASH_ALGORITHMS,
            key_type="",
            roots=(),
            default=False,
            min_interval_seconds=0,
            notes="custom URL",
            qualified=False,
        )
    raise InputError(
        f"Unknown TSA '{query}'. Run `proofkit tsa list` to see the known ones, "
        "or give its http(s) URL."
    )


def url_label(url: str) -> str:
    """A custom TSA's short label: host (with a port other than the scheme's) and path, so two
    TSAs on one host stay apart ("127.0.0.1:8081/tsr", "tsa.example.org/rfc3161")."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return url
    if not host:
        return url
    default_port = {"http": 80, "https": 443}.get(parts.scheme.lower())
    netloc = host if port in (None, default_port) else f"{host}:{port}"
    path = parts.path.rstrip("/")
    return netloc + path


def tsa_title(name: str, url: str, registry: Iterable[TSAInfo] = (),
              custom_names: dict[str, str] | None = None) -> str:
    """How a TSA is named to the author: the name they gave a custom URL, else the registry's
    display name, else the URL's host and path (a custom TSA's ``name`` is only its host)."""
    given = None
    if custom_names and url:
        wanted = _norm_url(url)
        given = next((v for k, v in custom_names.items() if _norm_url(k) == wanted), None)
    if given and given.strip():
        return given.strip()
    for t in registry:
        if t.name == name and (not url or _norm_url(t.url) == _norm_url(url)):
            return t.display_name
    return url_label(url) if url else name


def default_tsas(registry: Iterable[TSAInfo] | None = None) -> list[TSAInfo]:
    """The TSAs that are on by default, in registry order."""
    tsas = load_registry() if registry is None else registry
    return [t for t in tsas if t.default]


def load_pinned_root(pin: RootPin) -> "x509.Certificate":
    """Load one pinned root PEM and check its SHA-256 (of the DER) against the pin."""
    from cryptography import x509

    from .trust import Encoding  # without the SSH key code the public module imports

    resource = _tsa_dir().joinpath(*pin.file.split("/"))
    try:
        data = resource.read_bytes()
    except OSError as exc:
        raise ValueError(f"TSA registry: pinned root {pin.file} cannot be read ({exc})") from exc
    try:
        cert = x509.load_pem_x509_certificate(data)
    except ValueError as exc:
        raise ValueError(f"TSA registry: pinned root {pin.file} is not a PEM certificate") from exc
    actual = hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest()
    expected = pin.sha256.lower().replace(":", "")
    if actual != expected:
        raise ValueError(
            f"TSA registry: pinned root {pin.file} does not match its pin "
            f"(SHA-256 {actual}, expected {expected})"
        )
    return cert


def pinned_root_certificates(
    registry: Iterable[TSAInfo] | None = None,
) -> list[tuple[TSAInfo, "x509.Certificate"]]:
    """Every pinned root of every TSA, each checked against its SHA-256 pin.

    A mismatch (or an unreadable file) raises ValueError naming the file.
    """
    tsas = load_registry() if registry is None else registry
    out: list[tuple[TSAInfo, x509.Certificate]] = []
    cache: dict[tuple[str, str], x509.Certificate] = {}
    for t in tsas:
        for pin in t.roots:
            key = (pin.file, pin.sha256)
            if key not in cache:
                cache[key] = load_pinned_root(pin)
            out.append((t, cache[key]))
    return out

"""Trust roots for time-stamp verification.

Sources, each recorded so a verdict can say which root anchored it:
- ``mozilla``: Mozilla's roots as shipped by certifi;
- ``system``: the operating system's store, where it can be read;
- ``pinned:<tsa>``: roots pinned (by SHA-256) for the TSAs ProofKit knows (resources/tsa);
- ``user:<file>``: roots the user adds with ``--trust FILE.pem`` or PROOFKIT_TRUST (a path list).
"""

from __future__ import annotations

import hashlib
import os
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
try:  # the enums alone: the public module also imports the SSH key code (~10 ms at start-up)
    from cryptography.hazmat.primitives._serialization import Encoding, PublicFormat
except ImportError:  # pragma: no cover - a cryptography that moved them
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from .errors import InputError
from .files import read_input

_DER = Encoding.DER
_SPKI = PublicFormat.SubjectPublicKeyInfo

SYSTEM_BUNDLES = (
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu, Deepin, UOS
    "/etc/pki/tls/certs/ca-bundle.crt",  # Fedora, RHEL
    "/etc/ssl/cert.pem",  # macOS, Alpine, BSD
)


@dataclass(frozen=True)
class TrustAnchor:
    cert: x509.Certificate
    source: str
    sha256: str

    def describe(self) -> str:
        return f"{self.cert.subject.rfc4514_string()} (sha256 {self.sha256[:16]}…, {self.source})"


@dataclass
class TrustStore:
    anchors: list[TrustAnchor] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_subject: dict[x509.Name, list[TrustAnchor]] = {}
        self._fingerprints: set[str] = set()
        anchors, self.anchors = self.anchors, []
        for a in anchors:
            self._index(a)

    def _index(self, anchor: TrustAnchor) -> None:
        if anchor.sha256 in self._fingerprints:
            return
        self._fingerprints.add(anchor.sha256)
        self.anchors.append(anchor)
        self._by_subject.setdefault(anchor.cert.subject, []).append(anchor)

    def add(self, cert: x509.Certificate, source: str) -> None:
        der = cert.public_bytes(_DER)
        self._index(TrustAnchor(cert, source, hashlib.sha256(der).hexdigest()))

    def add_pem_file(self, path: str | os.PathLike[str], source: str | None = None) -> int:
        certs = load_certificates_file(path)
        for c in certs:
            self.add(c, source or f"user:{path}")
        return len(certs)

    def anchors_named(self, name: x509.Name) -> list[TrustAnchor]:
        return self._by_subject.get(name, [])

    def find_same(self, cert: x509.Certificate) -> TrustAnchor | None:
        """The anchor for ``cert`` itself: same subject and same public key (a re-issued
        root with the same key is the same trust)."""
        try:
            spki = cert.public_key().public_bytes(_DER, _SPKI)
        except Exception:  # noqa: BLE001 - a key type we cannot read is not a trusted key
            return None
        for a in self.anchors_named(cert.subject):
            if a.cert.public_key().public_bytes(_DER, _SPKI) == spki:
                return a
        return None

    def __len__(self) -> int:
        return len(self.anchors)

    @classmethod
    def default(
        cls,
        extra: list[str | os.PathLike[str]] | None = None,
        *,
        mozilla: bool = True,
        system: bool = True,
        pinned: bool = True,
    ) -> "TrustStore":
        store = cls()
        if pinned:
            try:
                from .registry import pinned_root_certificates

                for tsa, cert in pinned_root_certificates():
                    store.add(cert, f"pinned:{tsa.name}")
            except ImportError:  # pragma: no cover - registry ships with the app
                pass
        if mozilla:
            import certifi

            for c in _load_bundle(Path(certifi.where())):
                store.add(c, "mozilla")
        if system:
            for c in _system_roots():
                store.add(c, "system")
        paths = list(extra or [])
        env = os.environ.get("PROOFKIT_TRUST")
        if env:
            paths.extend(p for p in env.split(os.pathsep) if p)
        for p in paths:
            store.add_pem_file(p)
        return store


def load_certificates_file(path: str | os.PathLike[str]) -> list[x509.Certificate]:
    """All certificates in a PEM (one or many) or DER file; InputError with a clear line otherwise."""
    p = Path(path)
    data = read_input(p, "certificate file")
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise InputError(f"{p}: is not a certificate file (PEM or DER expected).") from None


def _load_bundle(path: Path) -> list[x509.Certificate]:
    try:
        data = path.read_bytes()
    except OSError:
        return []
    out = []
    # One malformed entry in a system bundle must not hide the others; old roots with
    # quirks (a negative serial) load with a deprecation warning the user cannot act on.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for block in data.split(b"-----END CERTIFICATE-----"):
            start = block.find(b"-----BEGIN CERTIFICATE-----")
            if start < 0:
                continue
            try:
                out.append(x509.load_pem_x509_certificate(block[start:] + b"-----END CERTIFICATE-----\n"))
            except ValueError:
                continue
    return out


def _system_roots() -> list[x509.Certificate]:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
        import ssl

        out = []
        for store in ("ROOT",):  # roots only: "CA" holds intermediates, not anchors
            for der, enc, _trust in ssl.enum_certificates(store):
                if enc == "x509_asn":
                    try:
                        out.append(x509.load_der_x509_certificate(der))
                    except ValueError:
                        pass
        return out
    for p in SYSTEM_BUNDLES:
        if os.path.isfile(p):
            return _load_bundle(Path(p))
    # Elsewhere, where OpenSSL was built to look (ssl costs ~10 ms to import: only then).
    import ssl

    p = ssl.get_default_verify_paths().cafile
    if p and os.path.isfile(p):
        return _load_bundle(Path(p))
    return []

"""A real RFC 3161 time-stamp authority on 127.0.0.1 for tests (no mocks).

``TestPKI`` builds a throw-away PKI with ``cryptography`` (so certificates can have
validity periods in the past): a root, an intermediate, several TSA leaves (RSA,
ECDSA P-384, one without the timeStamping EKU, one expired, one valid only in
2020-2021) and a second, untrusted root with its own TSA leaf.

``LoopbackTSA`` is a ``ThreadingHTTPServer`` that answers time-stamp queries by
running ``openssl ts -reply`` (optionally under ``faketime``) and can behave
like a hostile or broken TSA (see ``LoopbackTSA.MODES``).  Tokens that OpenSSL's
``ts`` refuses to sign (signer without the timeStamping EKU) are built from a
hand-made TSTInfo signed with ``openssl cms -sign``.

Plain module: no pytest dependency.  Fixtures live in ``tests/conftest.py``.
"""

from __future__ import annotations

import datetime as _dt
import http.server
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import cms as a_cms
from asn1crypto import core as a_core
from asn1crypto import tsp as a_tsp
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

__all__ = ["Identity", "TestPKI", "LoopbackTSA", "TSA_POLICY_OID", "openssl"]

TSA_POLICY_OID = "1.2.3.4.1"
OTHER_POLICIES = ("1.2.3.4.5.6", "1.2.3.4.5.7")
HANG_MAX_SECONDS = 30.0

_UTC = _dt.timezone.utc


def _d(year: int, month: int = 1, day: int = 1, *rest: int) -> _dt.datetime:
    return _dt.datetime(year, month, day, *rest, tzinfo=_UTC)


def openssl(*args: str | os.PathLike, faketime: str | None = None, check: bool = True,
            input: bytes | None = None, timeout: float = 30) -> subprocess.CompletedProcess:
    """Run the openssl CLI (optionally under ``faketime '<time>'``, TZ=UTC)."""
    cmd = ["openssl", *map(str, args)]
    env = dict(os.environ)
    if faketime is not None:
        fk = shutil.which("faketime")
        if fk is None:
            raise RuntimeError("faketime is not installed (apt-get install faketime)")
        cmd = [fk, faketime, *cmd]
        env["TZ"] = "UTC"
    proc = subprocess.run(cmd, capture_output=True, input=input, env=env, timeout=timeout)
    if check and proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd)} failed ({proc.returncode}):\n"
            f"{proc.stderr.decode(errors='replace')}{proc.stdout.decode(errors='replace')}"
        )
    return proc


# --------------------------------------------------------------------------- PKI


@dataclass
class Identity:
    """One certificate + private key of the test PKI."""

    name: str
    cert: x509.Certificate
    key: object  # private key object
    cert_pem: Path
    key_pem: Path
    issuer: str | None  # name of the issuing Identity; None for self-signed roots


class TestPKI:
    """A throw-away PKI for time-stamp tests, written as PEM files into ``root_dir``.

    Identities (attributes of type ``Identity``): ``root``, ``intermediate``,
    ``rsa_tsa``, ``ec_tsa``, ``noeku_tsa``, ``expired_tsa``, ``old_tsa``, ``y2019_tsa``,
    ``untrusted_root``, ``untrusted_tsa``.
    """

    __test__ = False  # not a pytest test class

    NAMES = ("root", "intermediate", "rsa_tsa", "ec_tsa", "noeku_tsa", "expired_tsa",
             "old_tsa", "untrusted_root", "untrusted_tsa", "y2019_tsa")

    def __init__(self, root_dir: Path | str):
        self.dir = Path(root_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self._ids: dict[str, Identity] = {}
        far = (_d(2000), _d(2099, 12, 31, 23, 59, 59))
        self._ca("root", "ProofKit Test Root CA", None, far, rsa_key=True)
        self._ca("intermediate", "ProofKit Test Intermediate CA", "root", far, rsa_key=True)
        self._leaf("rsa_tsa", "ProofKit Test TSA (RSA)", "intermediate", far, _rsa())
        self._leaf("ec_tsa", "ProofKit Test TSA (ECDSA P-384)", "root", far,
                   ec.generate_private_key(ec.SECP384R1()))
        self._leaf("noeku_tsa", "ProofKit Test TSA (no timeStamping EKU)", "intermediate",
                   far, _rsa(), eku=ExtendedKeyUsageOID.SERVER_AUTH, eku_critical=False)
        self._leaf("expired_tsa", "ProofKit Test TSA (expired)", "intermediate",
                   (_d(2020), _d(2021)), _rsa())
        self._leaf("old_tsa", "ProofKit Test TSA (2020-2021)", "intermediate",
                   (_d(2020), _d(2021, 12, 31, 23, 59, 59)), _rsa())
        # signs in 2019 (faketime) with a certificate that expires at the start of 2021:
        # the receipt that RFC 4998 renewal must keep provable (tests/test_ers.py)
        self._leaf("y2019_tsa", "ProofKit Test TSA (2018-2020)", "intermediate",
                   (_d(2018), _d(2021)), _rsa())
        self._ca("untrusted_root", "Untrusted Test Root CA", None, far, rsa_key=True)
        self._leaf("untrusted_tsa", "Untrusted Test TSA", "untrusted_root", far, _rsa())
        for name in self.NAMES:
            self._write_chains(name)

    # -- public API
    def __getattr__(self, item: str) -> Identity:
        ids = self.__dict__.get("_ids", {})
        if item in ids:
            return ids[item]
        raise AttributeError(item)

    def identity(self, name: str) -> Identity:
        return self._ids[name]

    @property
    def root_pem(self) -> Path:
        return self._ids["root"].cert_pem

    @property
    def intermediate_pem(self) -> Path:
        return self._ids["intermediate"].cert_pem

    @property
    def untrusted_root_pem(self) -> Path:
        return self._ids["untrusted_root"].cert_pem

    def chain_pem(self, name: str) -> Path:
        """PEM file: the leaf ``name`` followed by its intermediates (never the root)."""
        return self.dir / f"{name}.chain.pem"

    def ca_chain_pem(self, name: str) -> Path | None:
        """PEM file with only the intermediates above ``name`` (None if issued by a root)."""
        p = self.dir / f"{name}.cachain.pem"
        return p if p.exists() else None

    # -- construction helpers
    def _name(self, cn: str) -> x509.Name:
        return x509.Name([
            x509.NameAttribute(NameOID.COUNTRY_NAME, "XX"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ProofKit Tests"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ])

    def _build(self, name: str, cn: str, issuer: str | None, validity, key, exts) -> None:
        subject = self._name(cn)
        if issuer is None:
            issuer_name, issuer_key, aki_src = subject, key, key.public_key()
        else:
            iss = self._ids[issuer]
            issuer_name, issuer_key, aki_src = iss.cert.subject, iss.key, iss.key.public_key()
        b = (x509.CertificateBuilder()
             .subject_name(subject).issuer_name(issuer_name)
             .public_key(key.public_key())
             .serial_number(x509.random_serial_number())
             .not_valid_before(validity[0]).not_valid_after(validity[1])
             .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
             .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(aki_src), False))
        for ext, critical in exts:
            b = b.add_extension(ext, critical)
        cert = b.sign(issuer_key, hashes.SHA256())
        cert_pem = self.dir / f"{name}.pem"
        key_pem = self.dir / f"{name}.key.pem"
        cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_pem.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                              serialization.PrivateFormat.PKCS8,
                                              serialization.NoEncryption()))
        self._ids[name] = Identity(name, cert, key, cert_pem, key_pem, issuer)

    def _ca(self, name, cn, issuer, validity, rsa_key=True) -> None:
        key = _rsa() if rsa_key else ec.generate_private_key(ec.SECP384R1())
        self._build(name, cn, issuer, validity, key, [
            (x509.BasicConstraints(ca=True, path_length=None if issuer is None else 0), True),
            (x509.KeyUsage(digital_signature=False, content_commitment=False,
                           key_encipherment=False, data_encipherment=False, key_agreement=False,
                           key_cert_sign=True, crl_sign=True, encipher_only=False,
                           decipher_only=False), True),
        ])

    def add_tsa(self, name: str, cn: str, *, issuer: str = "intermediate",
                ocsp_url: str | None = None, crl_url: str | None = None) -> Identity:
        """One more TSA leaf (RSA, valid 2000-2099) whose certificate names an OCSP responder
        (Authority Information Access) and/or a CRL (CRL Distribution Points): the loopback
        revocation servers of a test."""
        extra = []
        if ocsp_url:
            extra.append((x509.AuthorityInformationAccess([x509.AccessDescription(
                x509.oid.AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(ocsp_url))]), False))
        if crl_url:
            extra.append((x509.CRLDistributionPoints([x509.DistributionPoint(
                [x509.UniformResourceIdentifier(crl_url)], None, None, None)]), False))
        self._leaf(name, cn, issuer, (_d(2000), _d(2099, 12, 31, 23, 59, 59)), _rsa(), extra=extra)
        self._write_chains(name)
        return self._ids[name]

    def crl(self, issuer: str, revoked: dict[str, _dt.datetime], *,
            last_update: _dt.datetime | None = None) -> bytes:
        """DER CRL of ``issuer`` listing the identities ``revoked`` (name -> revocation time)."""
        iss = self._ids[issuer]
        now = last_update or _dt.datetime.now(_UTC).replace(microsecond=0)
        b = (x509.CertificateRevocationListBuilder().issuer_name(iss.cert.subject)
             .last_update(now).next_update(now + _dt.timedelta(days=7)))
        for name, when in revoked.items():
            b = b.add_revoked_certificate(x509.RevokedCertificateBuilder()
                                          .serial_number(self._ids[name].cert.serial_number)
                                          .revocation_date(when).build())
        return b.sign(iss.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)

    def _leaf(self, name, cn, issuer, validity, key, *,
              eku=ExtendedKeyUsageOID.TIME_STAMPING, eku_critical=True, extra=()) -> None:
        self._build(name, cn, issuer, validity, key, [*extra,
            (x509.BasicConstraints(ca=False, path_length=None), True),
            (x509.KeyUsage(digital_signature=True, content_commitment=True,
                           key_encipherment=False, data_encipherment=False, key_agreement=False,
                           key_cert_sign=False, crl_sign=False, encipher_only=False,
                           decipher_only=False), True),
            (x509.ExtendedKeyUsage([eku]), eku_critical),
        ])

    def _write_chains(self, name: str) -> None:
        ident = self._ids[name]
        inter: list[Identity] = []
        cur = ident
        while cur.issuer is not None:
            cur = self._ids[cur.issuer]
            if cur.issuer is not None:  # skip self-signed roots
                inter.append(cur)
        pem = lambda i: i.cert.public_bytes(serialization.Encoding.PEM)  # noqa: E731
        self.chain_pem(name).write_bytes(pem(ident) + b"".join(pem(i) for i in inter))
        if inter:
            (self.dir / f"{name}.cachain.pem").write_bytes(b"".join(pem(i) for i in inter))


def _rsa():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


# --------------------------------------------------------------------------- TSA


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _parse_faketime(ft: str) -> _dt.datetime:
    s = ft.strip().lstrip("@")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return _dt.datetime.strptime(s, fmt).replace(tzinfo=_UTC)
        except ValueError:
            pass
    raise ValueError(f"unsupported faketime format {ft!r} (use 'YYYY-MM-DD HH:MM:SS')")


def rejection_response(text: str = "request rejected by loopback TSA",
                       fail_info: str = "bad_request") -> bytes:
    """DER TimeStampResp with PKIStatus rejection(2), a statusString and failInfo."""
    # asn1crypto's TimeStampResp makes timeStampToken mandatory, so wrap by hand:
    # TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken OPTIONAL }
    status = a_tsp.PKIStatusInfo({
        "status": "rejection", "status_string": [text], "fail_info": {fail_info},
    }).dump()
    return _der_sequence(status)


def _der_sequence(content: bytes) -> bytes:
    n = len(content)
    if n < 0x80:
        length = bytes([n])
    else:
        raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(raw)]) + raw
    return b"\x30" + length + content


class LoopbackTSA:
    """RFC 3161 TSA served over HTTP on 127.0.0.1 (random port), backed by ``openssl ts``.

    ``signer``: "rsa" (rsa_tsa) | "ec" (ec_tsa, P-384) | "old" (old_tsa; needs ``faketime``
    inside 2020-2021).  ``ess``: "v2" (ESSCertIDv2/sha256) | "v1" (ESSCertID/sha1).
    ``digest``: the signer's message digest.  ``faketime``: e.g. "2021-06-01 12:00:00" (UTC)
    -> openssl runs under faketime so genTime is then.  ``mode``: see ``MODES``.
    ``delay``: seconds to wait before answering each request (a slow TSA; 0 by default).
    """

    MODES = ("ok", "hang", "http500", "html", "truncated", "rejection", "replay", "flipsig",
             "noeku", "expired", "untrusted", "refuse")
    SIGNERS = {"rsa": "rsa_tsa", "ec": "ec_tsa", "old": "old_tsa", "y2019": "y2019_tsa"}
    MODE_SIGNERS = {"noeku": "noeku_tsa", "expired": "expired_tsa", "untrusted": "untrusted_tsa"}

    def __init__(self, pki: TestPKI, signer: str = "rsa", *, ess: str = "v2",
                 digest: str = "sha256", mode: str = "ok", faketime: str | None = None,
                 delay: float = 0.0, basic_auth: tuple[str, str] | None = None,
                 required_headers: dict[str, str] | None = None, echo_auth: bool = False):
        if mode not in self.MODES:
            raise ValueError(f"unknown mode {mode!r}; one of {self.MODES}")
        if signer not in self.SIGNERS and signer not in pki._ids:
            raise ValueError(f"unknown signer {signer!r}; one of {tuple(self.SIGNERS)} or a pki identity")
        if ess not in ("v1", "v2"):
            raise ValueError("ess must be 'v1' or 'v2'")
        if signer == "old" and faketime is None:
            raise ValueError("signer='old' must be combined with faketime inside 2020-2021")
        self.pki = pki
        self.mode = mode
        self.ess = ess
        self.digest = digest
        self.faketime = faketime
        self.delay = delay  # seconds to wait before answering each request (a slow TSA)
        # An account (HTTP Basic auth and/or headers) this TSA insists on: a request without
        # it gets 401. ``echo_auth``: a careless TSA that answers every request with HTTP 500
        # and repeats the Authorization and required headers it got in its status line and
        # body (where a client could copy them into an error message).
        self.basic_auth = basic_auth
        self.required_headers = dict(required_headers or {})
        self.echo_auth = echo_auth
        self.request_headers: list[dict[str, str]] = []  # headers of every POST received
        self.signer_name = self.MODE_SIGNERS.get(mode, self.SIGNERS.get(signer, signer))
        self.signer: Identity = pki.identity(self.signer_name)
        self.requests: list[bytes] = []      # raw bodies of every POST received
        self.responses: list[bytes] = []     # bodies sent back (any mode)
        self.errors: list[str] = []          # openssl failures while answering
        self._lock = threading.Lock()        # serial file + lists
        self._stop = threading.Event()
        self._server: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._tmp = Path(tempfile.mkdtemp(prefix=f"loopback-tsa-{mode}-"))
        self._seq = 0
        self._write_config()
        self._port = _free_port() if mode == "refuse" else None
        self._replay: bytes | None = None
        if mode == "replay":
            q = self._tmp / "fixed.tsq"
            openssl("ts", "-query", "-digest", secrets.token_hex(32), "-sha256", "-cert",
                    "-out", q)
            self._replay = self.sign_query(q.read_bytes())

    # -- lifecycle
    @property
    def request_count(self) -> int:
        return len(self.requests)

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("LoopbackTSA not started")
        return self._port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/tsa"

    def start(self) -> "LoopbackTSA":
        if self.mode == "refuse" or self._server is not None:
            return self
        tsa = self

        class Handler(_Handler):
            owner = tsa

        self._stop.clear()
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05},
                                        name=f"LoopbackTSA-{self.mode}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def close(self) -> None:
        """stop() and remove the temp directory."""
        self.stop()
        shutil.rmtree(self._tmp, ignore_errors=True)

    def __enter__(self) -> "LoopbackTSA":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    # -- signing
    def _write_config(self) -> None:
        (self._tmp / "serial").write_text("01\n")
        ca_chain = self.pki.ca_chain_pem(self.signer_name)
        lines = [
            "[ tsa ]",
            "default_tsa = tsa_config1",
            "",
            "[ tsa_config1 ]",
            f"serial = {self._tmp / 'serial'}",
            f"signer_cert = {self.signer.cert_pem}",
            f"signer_key = {self.signer.key_pem}",
            f"signer_digest = {self.digest}",
            f"default_policy = {TSA_POLICY_OID}",
            f"other_policies = {', '.join(OTHER_POLICIES)}",
            "digests = sha256, sha384, sha512, sha1, sm3",
            "accuracy = secs:1",
            "clock_precision_digits = 0",
            "ordering = yes",
            "tsa_name = yes",
            "ess_cert_id_chain = no",
            f"ess_cert_id_alg = {'sha1' if self.ess == 'v1' else 'sha256'}",
        ]
        if ca_chain is not None:
            lines.insert(7, f"certs = {ca_chain}")
        self.config = self._tmp / "tsa.cnf"
        self.config.write_text("\n".join(lines) + "\n")

    def _workdir(self) -> Path:
        with self._lock:
            self._seq += 1
            d = self._tmp / f"r{self._seq}"
        d.mkdir()
        return d

    def sign_query(self, query: bytes) -> bytes:
        """Answer a DER TimeStampReq with ``openssl ts -reply`` using this TSA's signer."""
        d = self._workdir()
        (d / "req.tsq").write_bytes(query)
        args = ["ts", "-reply", "-config", self.config, "-section", "tsa_config1",
                "-queryfile", d / "req.tsq", "-signer", self.signer.cert_pem,
                "-inkey", self.signer.key_pem, "-out", d / "resp.tsr"]
        ca_chain = self.pki.ca_chain_pem(self.signer_name)
        if ca_chain is not None:
            args += ["-chain", ca_chain]
        with self._lock:  # openssl updates the serial file
            openssl(*args, faketime=self.faketime)
        return (d / "resp.tsr").read_bytes()

    def sign_query_cms(self, query: bytes) -> bytes:
        """Build a TSTInfo for ``query`` by hand and sign it with ``openssl cms -sign``.

        Used for signers that ``openssl ts -reply`` refuses (no timeStamping EKU).
        """
        req = a_tsp.TimeStampReq.load(query)
        gen_time = (_parse_faketime(self.faketime) if self.faketime
                    else _dt.datetime.now(_UTC).replace(microsecond=0))
        tst = {
            "version": "v1",
            "policy": req["req_policy"].native or TSA_POLICY_OID,
            "message_imprint": req["message_imprint"],
            "serial_number": secrets.randbits(63),
            "gen_time": a_core.GeneralizedTime(gen_time),
            "accuracy": {"seconds": 1},
            "ordering": True,
            "tsa": a_x509.GeneralName(
                name="directory_name",
                value=a_x509.Name.load(self.signer.cert.subject.public_bytes())),
        }
        if req["nonce"].native is not None:
            tst["nonce"] = req["nonce"].native
        d = self._workdir()
        (d / "tstinfo.der").write_bytes(a_tsp.TSTInfo(tst).dump())
        args = ["cms", "-sign", "-binary", "-nodetach", "-cades", "-nosmimecap",
                "-outform", "DER", "-econtent_type", "id-smime-ct-TSTInfo",
                "-in", d / "tstinfo.der", "-signer", self.signer.cert_pem,
                "-inkey", self.signer.key_pem, "-md", self.digest, "-out", d / "token.der"]
        ca_chain = self.pki.ca_chain_pem(self.signer_name)
        if ca_chain is not None:
            args += ["-certfile", ca_chain]
        openssl(*args, faketime=self.faketime)
        token = a_cms.ContentInfo.load((d / "token.der").read_bytes())
        return a_tsp.TimeStampResp({"status": {"status": "granted"},
                                    "time_stamp_token": token}).dump()

    @staticmethod
    def flip_signature(resp: bytes) -> bytes:
        """Flip the last byte of the first SignerInfo's signature value."""
        parsed = a_tsp.TimeStampResp.load(resp)
        sig = parsed["time_stamp_token"]["content"]["signer_infos"][0]["signature"].native
        pos = resp.find(sig)
        if pos < 0 or resp.find(sig, pos + 1) >= 0:
            raise RuntimeError("could not locate the signature uniquely")
        end = pos + len(sig) - 1
        return resp[:end] + bytes([resp[end] ^ 0x01]) + resp[end + 1:]

    def _answer(self, query: bytes) -> tuple[int, str, bytes]:
        """(HTTP status, content type, body) for one time-stamp query."""
        ct = "application/timestamp-reply"
        mode = self.mode
        if mode == "http500":
            return 500, "text/plain", b"internal error (loopback TSA mode http500)\n"
        if mode == "html":
            return 200, "text/html; charset=utf-8", (
                b"<!DOCTYPE html><html><head><title>Maintenance</title></head>"
                b"<body><h1>TSA under maintenance</h1></body></html>\n")
        if mode == "rejection":
            return 200, ct, rejection_response("loopback TSA: request rejected", "bad_request")
        if mode == "replay":
            return 200, ct, self._replay
        if mode == "noeku":
            try:
                return 200, ct, self.sign_query_cms(query)
            except ValueError:
                return 200, ct, rejection_response("bad request", "bad_data_format")
        resp = self.sign_query(query)
        if mode == "truncated":
            return 200, ct, resp[: len(resp) // 2]
        if mode == "flipsig":
            return 200, ct, self.flip_signature(resp)
        return 200, ct, resp  # ok, expired, untrusted

    def _authorized(self, headers) -> bool:
        import base64

        if self.basic_auth is not None:
            pair = ":".join(self.basic_auth).encode()
            if headers.get("Authorization") != "Basic " + base64.b64encode(pair).decode():
                return False
        return all(headers.get(k) == v for k, v in self.required_headers.items())

    def _hang(self) -> None:
        deadline = time.monotonic() + HANG_MAX_SECONDS
        while not self._stop.is_set() and time.monotonic() < deadline:
            time.sleep(0.05)


class _Handler(http.server.BaseHTTPRequestHandler):
    owner: LoopbackTSA
    server_version = "LoopbackTSA/1.0"

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass

    def _send(self, code: int, ctype: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        with self.owner._lock:
            self.owner.responses.append(body)

    def do_GET(self):  # noqa: N802
        self._send(405, "text/plain", b"POST application/timestamp-query only\n")

    def do_POST(self):  # noqa: N802
        owner = self.owner
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with owner._lock:
            owner.requests.append(body)
            owner.request_headers.append(dict(self.headers.items()))
        if owner.echo_auth:
            said = " ".join(f"{h}={self.headers.get(h)}" for h in ["Authorization", *owner.required_headers])
            self.send_response(500, f"Server error for {said}")
            body = f"error, request had {said}\n".encode()
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if not owner._authorized(self.headers):
            self._send(401, "text/plain", b"account required\n")
            return
        if owner.delay > 0:
            owner._stop.wait(owner.delay)
        if owner.mode == "hang":
            owner._hang()
            self.close_connection = True
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype != "application/timestamp-query":
            self._send(415, "text/plain", b"expected Content-Type application/timestamp-query\n")
            return
        try:
            code, rtype, data = owner._answer(body)
        except Exception as exc:  # openssl failed: report it like a broken TSA would
            with owner._lock:
                owner.errors.append(str(exc))
            code, rtype, data = 500, "text/plain", str(exc).encode(errors="replace")
        try:
            self._send(code, rtype, data)
        except (BrokenPipeError, ConnectionResetError):
            pass


# --------------------------------------------------------------------------- revocation


class LoopbackOCSP:
    """OpenSSL's own OCSP responder (``openssl ocsp -index ... -port``) for one CA of a
    TestPKI, answering on 127.0.0.1. ``revoked``: identity name -> revocation time; every
    other identity the CA issued is listed as valid. The index is written before start."""

    def __init__(self, pki: TestPKI, ca: str = "intermediate") -> None:
        self.pki, self.ca = pki, ca
        self.port = _free_port()
        self._tmp = Path(tempfile.mkdtemp(prefix="loopback-ocsp-"))
        self._proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/ocsp"

    def start(self, revoked: dict[str, _dt.datetime] | None = None) -> "LoopbackOCSP":
        revoked = revoked or {}
        stamp = lambda d: d.astimezone(_UTC).strftime("%y%m%d%H%M%SZ")  # noqa: E731
        lines = []
        for name, ident in self.pki._ids.items():
            if ident.issuer != self.ca:
                continue
            c = ident.cert
            serial = format(c.serial_number, "X")
            serial = ("0" + serial) if len(serial) % 2 else serial
            dn = "/" + "/".join(f"{a.rfc4514_attribute_name}={a.value}" for a in c.subject)
            if name in revoked:
                lines.append(f"R\t{stamp(c.not_valid_after_utc)}\t{stamp(revoked[name])}\t{serial}\tunknown\t{dn}")
            else:
                lines.append(f"V\t{stamp(c.not_valid_after_utc)}\t\t{serial}\tunknown\t{dn}")
        index = self._tmp / "index.txt"
        index.write_text("\n".join(lines) + "\n")
        ca = self.pki.identity(self.ca)
        self._log = (self._tmp / "ocsp.log").open("wb")
        self._proc = subprocess.Popen(
            ["openssl", "ocsp", "-index", str(index), "-port", str(self.port), "-rsigner", str(ca.cert_pem),
             "-rkey", str(ca.key_pem), "-CA", str(ca.cert_pem), "-nmin", "60", "-ignore_err"],
            stdout=subprocess.DEVNULL, stderr=self._log)
        # Wait for its "waiting for OCSP client connections" line: a probe connection would
        # hold up the single-threaded responder.
        log = self._tmp / "ocsp.log"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if b"waiting for OCSP client" in log.read_bytes():
                return self
            if self._proc.poll() is not None:
                raise RuntimeError("openssl ocsp exited at start")
            time.sleep(0.02)
        raise RuntimeError("openssl ocsp did not start listening")

    def close(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
            self._proc = None
            self._log.close()
        shutil.rmtree(self._tmp, ignore_errors=True)


class LoopbackFile:
    """Serves fixed bytes (a CRL) over HTTP GET on 127.0.0.1; ``body`` may be set later."""

    def __init__(self, content_type: str = "application/pkix-crl") -> None:
        owner = self
        self.body = b""
        self.hits = 0

        class H(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):  # noqa: D102
                pass

            def do_GET(self):  # noqa: N802
                owner.hits += 1
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(owner.body)))
                self.end_headers()
                self.wfile.write(owner.body)

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/ca.crl"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

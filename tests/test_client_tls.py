"""The TSA client's TLS: built only when an https address is opened (a stamp sent to http
TSAs, most public ones, does not load ~300 roots per request), and then verifying: a TSA
behind a certificate nobody vouches for is refused, in one sentence, and waits as pending."""

from __future__ import annotations

import datetime
import http.server
import ipaddress
import ssl
import threading

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from proofkit.core import client
from proofkit.core.errors import TSAError
from proofkit.core.tsp import build_request


def _self_signed(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_pem, key_pem = tmp_path / "tls.pem", tmp_path / "tls.key"
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return cert_pem, key_pem


@pytest.fixture
def https_server(tmp_path):
    """A loopback https server whose certificate no root in Mozilla's or the system's store
    vouches for; it counts the requests that reach it."""
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            seen.append(self.path)
            self.send_response(500)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(*_self_signed(tmp_path))
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}/tsa", seen
    server.shutdown()
    server.server_close()


def test_an_http_tsa_is_asked_without_loading_tls_roots(loopback_tsa_factory):
    tsa = loopback_tsa_factory()
    client._tls_context_unlocked.cache_clear()
    body = client.post_query(tsa.url, build_request(b"\x11" * 32).der, timeout=10)
    assert body  # answered
    assert client._tls_context_unlocked.cache_info().currsize == 0  # no TLS context was made


def test_an_https_tsa_with_an_unvouched_certificate_is_refused(https_server):
    url, seen = https_server
    client._tls_context_unlocked.cache_clear()
    with pytest.raises(TSAError) as exc:
        client.post_query(url, build_request(b"\x22" * 32).der, timeout=10)
    assert exc.value.transient  # the receipt waits as pending; nothing was accepted
    assert "secure connection" in exc.value.message and "\n" not in exc.value.message
    assert seen == []  # the request never reached the server: verification is on
    assert client._tls_context_unlocked.cache_info().currsize == 1  # made for the https address

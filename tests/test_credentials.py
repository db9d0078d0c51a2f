"""TSAs that need an account: HTTP Basic auth and custom headers, kept in the OS password
store (keyring) or the environment, and never in the ledger, a bundle, a log or an error."""

from __future__ import annotations

import base64
import dataclasses
import io
import logging
import zipfile
from contextlib import redirect_stderr, redirect_stdout

import keyring
import pytest
from keyring.backend import KeyringBackend

from proofkit.core import credentials as cr
from proofkit.core.errors import InputError, TSAError
from proofkit.core.registry import find_tsa, load_registry
from proofkit.core.stamping import request_receipt
from proofkit.core.trust import TrustStore
from proofkit.core.verifier import Verifier

SECRET = "Pl4nted-S3cret-密码-7f3a9c"  # planted: must never be found anywhere it is not wanted
API_KEY = "apikey-5b1e9d0c44c8-never-shown"
USER = "author-account-0xC0FFEE"


class MemoryKeyring(KeyringBackend):
    """A real keyring backend (the package's own API) that keeps entries in memory."""

    priority = 10

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.entries.get((service, username))

    def set_password(self, service, username, password):
        self.entries[(service, username)] = password

    def delete_password(self, service, username):
        del self.entries[(service, username)]


@pytest.fixture
def memory_keyring():
    old = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(old)


@pytest.fixture
def no_keyring():
    from keyring.backends import fail

    old = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(old)


def _verifier(pki) -> Verifier:
    trust = TrustStore()
    trust.add_pem_file(pki.root_pem, "test root")
    return Verifier(trust)


def _tsa(url: str, **kw):
    return dataclasses.replace(find_tsa(url), name="acct-tsa", **kw)


def _planted_forms() -> list[bytes]:
    basic = base64.b64encode(f"{USER}:{SECRET}".encode()).decode()
    forms = [SECRET, API_KEY, basic, USER]
    return [f.encode("utf-8") for f in forms] + [f.encode("utf-16-le") for f in forms]


def _assert_clean(blob: bytes, where: str) -> None:
    for form in _planted_forms():
        assert form not in blob, f"a secret ({form[:12]!r}...) was found in {where}"


# ------------------------------------------------------------------ keeping the account


def test_credentials_never_show_in_repr_or_str():
    c = cr.Credentials(USER, SECRET, (("X-Api-Key", API_KEY),))
    for text in (repr(c), str(c), f"{c}", repr([c]), repr({"c": c})):
        _assert_clean(text.encode(), "repr")


def test_saved_in_the_password_store_as_one_entry_and_read_back(memory_keyring):
    c = cr.Credentials(USER, SECRET, (("X-Api-Key", API_KEY),))
    cr.save("tsa-cn", c)
    assert list(memory_keyring.entries) == [(cr.KEYRING_SERVICE, "tsa-cn")]
    back = cr.load("tsa-cn")
    assert (back.username, back.password, back.headers, back.source) == (USER, SECRET, c.headers, "keyring")
    assert cr.forget("tsa-cn") and cr.load("tsa-cn") is None and not cr.forget("tsa-cn")


def test_no_password_store_refuses_to_save_and_never_writes_a_file(no_keyring, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert not cr.store_available()
    with pytest.raises(cr.CredentialError) as exc:
        cr.save("tsa-cn", cr.Credentials(USER, SECRET))
    msg = exc.value.message
    assert "no password store" in msg and "PROOFKIT_TSA_TSA_CN_PASSWORD" in msg and "\n" not in msg
    _assert_clean(msg.encode(), "the refusal")
    assert not any(p.is_file() for p in tmp_path.rglob("*"))  # nothing written anywhere
    # the documented fallback: the environment, read and never written
    monkeypatch.setenv("PROOFKIT_TSA_TSA_CN_USER", USER)
    monkeypatch.setenv("PROOFKIT_TSA_TSA_CN_PASSWORD", SECRET)
    c = cr.load("tsa-cn")
    assert (c.username, c.password, c.source) == (USER, SECRET, "environment")


@pytest.mark.parametrize("bad", [
    dict(username="a:b", password="x"),
    dict(username="a", password="x\r\nX-Evil: 1"),
    dict(username="a", password=None),
    dict(headers=(("Content-Type", "text/plain"),)),
    dict(headers=(("X Bad", "1"),)),
    dict(headers=(("X-Api-Key", "v\nX-Evil: 1"),)),
])
def test_unusable_accounts_are_refused_without_echoing_them(bad):
    with pytest.raises(cr.CredentialError) as exc:
        cr.Credentials(**bad)
    assert "x\r\n" not in exc.value.message and "v\n" not in exc.value.message


def test_a_password_in_the_tsa_url_is_refused_before_it_can_be_stored():
    with pytest.raises(InputError) as exc:
        find_tsa(f"https://{USER}:{SECRET}@tsa.example.test/tsa")
    _assert_clean(exc.value.message.encode(), "the error")


# ------------------------------------------------------------------ sending it


def test_basic_auth_and_secret_headers_reach_the_tsa_and_a_stamp_verifies(
        loopback_tsa_factory, loopback_pki, memory_keyring):
    tsa = loopback_tsa_factory(basic_auth=(USER, SECRET), required_headers={"X-Api-Key": API_KEY})
    info = _tsa(tsa.url, auth="basic", secret_headers=("X-Api-Key",), headers=(("X-Client", "ProofKit"),))
    cr.save("acct-tsa", cr.Credentials(USER, SECRET, (("X-Api-Key", API_KEY),)))
    a = request_receipt(info, b"\1" * 32, "sha256", _verifier(loopback_pki), retries=0)
    assert a.status == "verified", a.error
    got = tsa.request_headers[-1]
    assert got["X-Api-Key"] == API_KEY and got["X-Client"] == "ProofKit"
    assert got["Authorization"].startswith("Basic ")


def test_no_account_saved_leaves_the_receipt_pending_without_asking(loopback_tsa_factory, loopback_pki,
                                                                    memory_keyring):
    tsa = loopback_tsa_factory(basic_auth=(USER, SECRET))
    info = _tsa(tsa.url, auth="basic")
    a = request_receipt(info, b"\1" * 32, "sha256", _verifier(loopback_pki), retries=2, sleep=lambda s: None)
    assert a.status == "pending" and "proofkit tsa login acct-tsa" in a.error
    assert tsa.request_count == 0


def test_a_wrong_password_is_pending_with_one_sentence(loopback_tsa_factory, loopback_pki, memory_keyring):
    tsa = loopback_tsa_factory(basic_auth=(USER, "the-right-one"))
    info = _tsa(tsa.url, auth="basic")
    cr.save("acct-tsa", cr.Credentials(USER, SECRET))
    a = request_receipt(info, b"\1" * 32, "sha256", _verifier(loopback_pki), retries=2, sleep=lambda s: None)
    assert a.status == "pending" and "refused the account (HTTP 401)" in a.error
    assert tsa.request_count == 1  # not retried: the same account would be refused again
    _assert_clean(a.error.encode(), "the error")


def test_a_tsa_that_echoes_the_account_has_it_redacted(loopback_tsa_factory, loopback_pki, memory_keyring):
    tsa = loopback_tsa_factory(echo_auth=True, required_headers={"X-Api-Key": API_KEY})
    info = _tsa(tsa.url, auth="basic", secret_headers=("X-Api-Key",))
    cr.save("acct-tsa", cr.Credentials(USER, SECRET, (("X-Api-Key", API_KEY),)))
    a = request_receipt(info, b"\1" * 32, "sha256", _verifier(loopback_pki), retries=0)
    assert a.status == "pending" and "HTTP error (500" in a.error and "***" in a.error
    _assert_clean(a.error.encode(), "the error")


def test_an_account_is_never_sent_over_plain_http_or_along_a_redirect(memory_keyring, loopback_tsa_factory,
                                                                     loopback_pki):
    from proofkit.core.client import post_query

    c = cr.Credentials(USER, SECRET)
    with pytest.raises(TSAError) as exc:
        post_query("http://tsa.example.test/tsa", b"x", credentials=c)
    assert "only over https" in exc.value.message

    import http.server
    import threading

    seen = []

    class Redirect(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_POST(self):  # noqa: N802
            seen.append(self.headers.get("Authorization"))
            self.send_response(307)
            self.send_header("Location", "http://127.0.0.2:9/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        with pytest.raises(TSAError) as exc:
            post_query(f"http://127.0.0.1:{srv.server_address[1]}/tsa", b"x", credentials=c, timeout=5)
    finally:
        srv.shutdown()
        srv.server_close()
    assert "another address (HTTP 307)" in exc.value.message and exc.value.transient
    assert len(seen) == 1  # asked once, not followed


def test_registry_fields_for_accounts_are_validated():
    from proofkit.core.registry import parse_registry

    base = {"name": "x", "display_name": "X", "url": "https://x.test/", "operator": "", "country": "CN",
            "hash_algorithms": ["sha256"], "key_type": "", "roots": [], "default": False,
            "min_interval_seconds": 0, "notes": "", "qualified": False}
    doc = {"format": "proofkit-tsa-registry", "version": 1, "tsas": [dict(base, auth="basic")]}
    assert parse_registry(doc)[0].needs_account
    for bad in (dict(auth="digest"), dict(secret_headers=["Host"]), dict(headers={"X-A": "1\r\n2"})):
        doc["tsas"] = [dict(base, **bad)]
        with pytest.raises(ValueError):
            parse_registry(doc)


def test_tsa_cn_is_in_the_registry_opt_in_with_an_account_and_sm3():
    t = find_tsa("tsa-cn", load_registry())
    assert not t.default and t.auth == "basic" and t.needs_account
    assert "sm3" in t.hash_algorithms and t.country == "CN"
    assert t.url.startswith("https://") and t.account_info


# ------------------------------------------------------------------ the planted secret


def test_a_planted_secret_is_nowhere_after_stamping_sync_export_and_errors(
        loopback_tsa_factory, loopback_pki, tmp_path, monkeypatch):
    """End to end through the command line: the account comes from the environment (this
    machine has no password store), one TSA takes it, one echoes it back in an HTTP error,
    one refuses it; then grep the ledger file, an exported bundle, the log files and every
    line printed."""
    from proofkit.cli.main import main

    good = loopback_tsa_factory(basic_auth=(USER, SECRET), required_headers={})
    echo = loopback_tsa_factory(echo_auth=True)
    wrong = loopback_tsa_factory(basic_auth=(USER, "not-the-planted-one"))
    monkeypatch.setenv("PROOFKIT_TSA_127_0_0_1_USER", USER)
    monkeypatch.setenv("PROOFKIT_TSA_127_0_0_1_PASSWORD", SECRET)
    home = tmp_path / "home"
    log_file = tmp_path / "debug.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    novel = tmp_path / "novel.txt"
    novel.write_text("第一章 雨夜\n" * 200, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            base = ["--home", str(home), "--trust", str(loopback_pki.root_pem)]
            for tsa in (good, echo, wrong):
                main([*base, "stamp", str(novel), "--work", "Rain", "--tsa", tsa.url, "--timeout", "5", "--json"])
            main([*base, "sync"])
            main([*base, "log", "--json"])
            main([*base, "export", "Rain", "-o", str(tmp_path / "bundle.zip")])
            main([*base, "verify", str(tmp_path / "bundle.zip")])
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
    assert good.request_headers and good.request_headers[0]["Authorization"].startswith("Basic ")
    assert echo.request_count >= 1 and wrong.request_count >= 1
    printed = out.getvalue() + err.getvalue()
    assert '"status": "verified"' in printed and "***" in printed and "HTTP 401" in printed
    _assert_clean(printed.encode("utf-8"), "the command's output")
    ledger_files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".sqlite3" for p in ledger_files)
    for p in ledger_files:  # ledger (and any -wal/-journal), logs, settings, caches
        _assert_clean(p.read_bytes(), str(p))
    _assert_clean(log_file.read_bytes(), "the debug log")
    bundle = tmp_path / "bundle.zip"
    _assert_clean(bundle.read_bytes(), "the bundle's bytes")
    with zipfile.ZipFile(bundle) as z:
        assert z.namelist()
        for name in z.namelist():
            _assert_clean(z.read(name), f"bundle member {name}")


def test_cli_tsa_login_and_logout(memory_keyring, tmp_path, monkeypatch):
    from proofkit.cli.main import main

    home = tmp_path / "home"
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{SECRET}\n"))
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["--home", str(home), "tsa", "login", "tsa-cn", "--user", USER, "--password-stdin"])
    assert code == 0, err.getvalue()
    assert "account saved" in out.getvalue() and "tsa.cn" in err.getvalue()  # how to get one is shown
    _assert_clean((out.getvalue() + err.getvalue()).replace(USER, "").encode(), "login output")
    c = cr.load("tsa-cn")
    assert (c.username, c.password) == (USER, SECRET)
    with redirect_stdout(out), redirect_stderr(err):
        assert main(["--home", str(home), "tsa", "logout", "tsa-cn"]) == 0
    assert cr.load("tsa-cn") is None
    for p in home.rglob("*"):
        if p.is_file():
            _assert_clean(p.read_bytes(), str(p))


def test_cli_tsa_login_without_a_password_store_is_one_sentence(no_keyring, tmp_path, monkeypatch):
    from proofkit.cli.main import main

    err = io.StringIO()
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{SECRET}\n"))
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main(["--home", str(tmp_path), "tsa", "login", "tsa-cn", "--user", USER, "--password-stdin"])
    last = err.getvalue().strip().splitlines()[-1]
    assert code == 2 and last.startswith("proofkit: This computer has no password store")
    _assert_clean(err.getvalue().replace(USER, "").encode(), "the error")

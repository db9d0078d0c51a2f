import copy
import dataclasses
import hashlib
import json
import subprocess
import sys
from importlib import resources
from urllib.parse import urlsplit

import pytest

from proofkit.core import registry as reg
from proofkit.core.errors import InputError


@pytest.fixture(scope="module")
def tsas():
    return reg.load_registry()


@pytest.fixture()
def raw_doc():
    text = (resources.files("proofkit.resources") / "tsa" / "registry.json").read_text("utf-8")
    return json.loads(text)


def test_loads(tsas):
    assert len(tsas) >= 5
    assert all(isinstance(t, reg.TSAInfo) for t in tsas)
    assert all(isinstance(t.roots, tuple) and isinstance(t.hash_algorithms, tuple) for t in tsas)


def test_names_unique_and_lowercase(tsas):
    names = [t.name for t in tsas]
    assert len(names) == len(set(names))
    assert all(n == n.lower() for n in names)


def test_urls_are_http(tsas):
    for t in tsas:
        parts = urlsplit(t.url)
        assert parts.scheme in ("http", "https"), t.url
        assert parts.hostname, t.url


def test_every_pin_matches_its_file(tsas):
    from cryptography.hazmat.primitives.serialization import Encoding

    pairs = reg.pinned_root_certificates()
    assert len(pairs) == sum(len(t.roots) for t in tsas)
    for tsa, cert in pairs:
        fp = hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest()
        assert fp in {p.sha256 for p in tsa.roots}
        # the pinned roots are self-signed CA certificates
        assert cert.subject == cert.issuer


def test_every_root_file_is_pinned(tsas):
    roots_dir = resources.files("proofkit.resources") / "tsa" / "roots"
    on_disk = {f"roots/{p.name}" for p in roots_dir.iterdir() if p.name.endswith(".pem")}
    pinned = {p.file for t in tsas for p in t.roots}
    assert pinned == on_disk


def test_at_least_two_independent_defaults(tsas):
    defaults = reg.default_tsas()
    assert len(defaults) >= 2
    assert len({t.operator for t in defaults}) >= 2
    assert all(t.roots for t in defaults), "a default TSA must have a pinned root"
    assert not reg.find_tsa("freetsa").default


def test_default_tsas_with_explicit_registry(tsas):
    assert reg.default_tsas(tsas) == [t for t in tsas if t.default]


def test_find_by_name_case_insensitive(tsas):
    assert reg.find_tsa("digicert").url == "http://timestamp.digicert.com"
    assert reg.find_tsa("  DigiCert ").name == "digicert"
    assert reg.find_tsa("SECTIGO", tsas).min_interval_seconds == 15


def test_find_by_known_url(tsas):
    t = reg.find_tsa("https://timestamp.sectigo.com/")
    assert t.name == "sectigo"
    assert reg.find_tsa("HTTP://Timestamp.DigiCert.com").name == "digicert"


def test_find_custom_url():
    t = reg.find_tsa("https://tsa.example.org:8443/rfc3161")
    assert t.name == "tsa.example.org"
    assert t.display_name == "tsa.example.org:8443/rfc3161"  # two TSAs on one host stay apart
    assert t.url == "https://tsa.example.org:8443/rfc3161"
    assert t.roots == () and t.default is False and t.notes == "custom URL"
    assert t.hash_algorithms == ("sha256", "sha384", "sha512")


def test_find_unknown_name():
    with pytest.raises(InputError) as exc:
        reg.find_tsa("nosuchtsa")
    assert "Unknown TSA 'nosuchtsa'" in str(exc.value)
    assert "proofkit tsa list" in str(exc.value)


def test_find_bad_url():
    with pytest.raises(InputError):
        reg.find_tsa("https://")


def test_tampered_pin_detected(tsas, monkeypatch):
    victim = next(t for t in tsas if t.roots)
    bad_pin = dataclasses.replace(victim.roots[0], sha256="00" * 32)
    tampered = [
        dataclasses.replace(t, roots=(bad_pin,) + t.roots[1:]) if t is victim else t for t in tsas
    ]
    with pytest.raises(ValueError, match=bad_pin.file):
        reg.pinned_root_certificates(tampered)
    # and through the default path, with load_registry patched to return the tampered copy
    monkeypatch.setattr(reg, "load_registry", lambda *a, **k: tampered)
    with pytest.raises(ValueError, match="does not match its pin"):
        reg.pinned_root_certificates()


def test_tampered_file_detected(tsas):
    # a pin pointing at another (real) root's file must be refused
    with_roots = [t for t in tsas if t.roots]
    a, b = with_roots[0].roots[0], with_roots[1].roots[0]
    assert a.sha256 != b.sha256
    swapped = dataclasses.replace(a, file=b.file)
    with pytest.raises(ValueError, match=b.file):
        reg.load_pinned_root(swapped)


def test_missing_root_file():
    pin = reg.RootPin(file="roots/nope.pem", sha256="00" * 32, subject="x", published_at="x")
    with pytest.raises(ValueError, match="roots/nope.pem"):
        reg.load_pinned_root(pin)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.update(format="other"), "format"),
        (lambda d: d.update(version=2), "version"),
        (lambda d: d.update(tsas=[]), "tsas"),
        (lambda d: d["tsas"][0].update(url="ftp://x"), "http"),
        (lambda d: d["tsas"][0].pop("default"), "default"),
        (lambda d: d["tsas"][0].update(default="yes"), "default"),
        (lambda d: d["tsas"][1].update(name=d["tsas"][0]["name"]), "twice"),
        (lambda d: d["tsas"][0]["roots"][0].update(sha256="abc"), "sha256"),
    ],
)
def test_invalid_registry_rejected(raw_doc, tmp_path, mutate, message):
    doc = copy.deepcopy(raw_doc)
    mutate(doc)
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(ValueError, match=message):
        reg.load_registry(path)


def test_not_json(tmp_path):
    path = tmp_path / "registry.json"
    path.write_text("{nope", "utf-8")
    with pytest.raises(ValueError, match="JSON"):
        reg.load_registry(path)


def test_light_imports():
    code = (
        "import sys, proofkit.core.registry as r; r.load_registry(); r.find_tsa('digicert');"
        "bad=[m for m in sys.modules if m.split('.')[0] in ('PySide6','cryptography')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_tsa_title_prefers_the_given_name_then_registry_then_host_and_path():
    r = reg.load_registry()
    digicert = reg.find_tsa("digicert", r)
    assert reg.tsa_title("digicert", digicert.url, r) == digicert.display_name
    assert reg.tsa_title("127.0.0.1", "http://127.0.0.1:8081/tsr", r) == "127.0.0.1:8081/tsr"
    assert reg.tsa_title("x.org", "https://x.org:443/a/", r) == "x.org/a"
    names = {"http://127.0.0.1:8081/tsr": "Office TSA"}
    assert reg.tsa_title("127.0.0.1", "HTTP://127.0.0.1:8081/tsr/", r, names) == "Office TSA"
    assert reg.tsa_title("127.0.0.1", "http://127.0.0.1:8082/tsr", r, names) == "127.0.0.1:8082/tsr"

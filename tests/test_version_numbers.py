"""Version numbers count within a work (issue 15): a new work's first draft is v1 whatever
the ledger ids; the CLI text, --json (``id`` kept, ``number`` added) and the GUI show it."""

from __future__ import annotations

import json

from test_bundle_support import run_cli


def _stamp(capsys, home, pki, tsa, path, work):
    code, out, err = run_cli(capsys, home, pki.root_pem, "stamp", path, "--tsa", tsa.url, "--work", work, "--json")
    assert code == 0, err
    return json.loads(out)[0]


def test_numbers_in_cli_text_and_json(loopback_pki, loopback_tsa, tmp_path, capsys):
    home = tmp_path / "home"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("A1\n", encoding="utf-8")
    b.write_text("B1\n", encoding="utf-8")
    a1 = _stamp(capsys, home, loopback_pki, loopback_tsa, a, "甲")
    a.write_text("A2\n", encoding="utf-8")
    a2 = _stamp(capsys, home, loopback_pki, loopback_tsa, a, "甲")
    b1 = _stamp(capsys, home, loopback_pki, loopback_tsa, b, "乙")
    assert (a1["id"], a1["number"]) == (1, 1) and (a2["id"], a2["number"]) == (2, 2)
    assert (b1["id"], b1["number"]) == (3, 1)  # ledger id 3, the work's first version

    code, out, _ = run_cli(capsys, home, None, "log", "--json")
    assert [(v["id"], v["number"], v["work"]) for v in json.loads(out)] == [(1, 1, "甲"), (2, 2, "甲"), (3, 1, "乙")]
    code, out, _ = run_cli(capsys, home, None, "show", "3")
    assert out.startswith("Version v1 (id 3) of \u201c乙\u201d")
    code, out, _ = run_cli(capsys, home, None, "log", "--work", "乙")
    assert "v1" in out and "#3" in out and "v3" not in out
    b.write_text("B2\n", encoding="utf-8")
    code, out, err = run_cli(capsys, home, loopback_pki.root_pem, "stamp", b, "--tsa", loopback_tsa.url, "--work", "乙")
    assert "version v2 (id 4) of \u201c乙\u201d" in out

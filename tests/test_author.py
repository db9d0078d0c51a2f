"""The author's identity, entered once (issue 15): `proofkit author set/show/clear`, the
desktop app's Settings, and what an export then prints (declared, not proven)."""

from __future__ import annotations

import json

import pytest

from proofkit.core.settings import load_settings
from test_bundle_support import run_cli


def test_author_cli_set_show_clear(tmp_path, capsys):
    home = tmp_path / "home"
    code, out, _ = run_cli(capsys, home, None, "author", "show")
    assert code == 0 and "No author identity is set" in out
    code, out, err = run_cli(capsys, home, None, "author", "set", "--pen-name", "风起云涌", "--pen-name", " Wind ",
                             "--account", "https://fanqienovel.com/author-page/7012345678",
                             "--account", "起点中文网: https://my.qidian.com/author/9876", "--real-name", "张三")
    assert code == 0, err
    assert "declared, not proven" in out and "风起云涌; Wind" in out and "does not prove who wrote it" in out
    code, out, _ = run_cli(capsys, home, None, "author", "set", "--contact", "zhangsan@example.com")
    doc = json.loads(run_cli(capsys, home, None, "author", "show", "--json")[1])
    assert doc == {"status": "declared, not proven", "declared": {
        "pen_names": ["风起云涌", "Wind"], "real_name": "张三", "contact": "zhangsan@example.com",
        "accounts": ["https://fanqienovel.com/author-page/7012345678", "起点中文网: https://my.qidian.com/author/9876"]}}
    # stored in the settings file the desktop app reads
    from proofkit.app.session import Session

    with Session(home) as s:
        assert load_settings(s.base_dirs.config).author_real_name == "张三"
    code, _, err = run_cli(capsys, home, None, "author", "set")
    assert code == 2 and "Say what to set" in err and err.count("\n") == 1
    code, _, err = run_cli(capsys, home, None, "author", "set", "--real-name", "x" * 600)
    assert code == 2 and "too long" in err
    code, out, _ = run_cli(capsys, home, None, "author", "clear")
    assert code == 0 and "No author identity is set" in out
    assert json.loads(run_cli(capsys, home, None, "author", "show", "--json")[1])["declared"] is None

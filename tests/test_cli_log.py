"""`proofkit log` pages (issue 18): the 20 newest by default (shown as a timeline grouped by
work) with a count of the rest, --all, --limit, --since, --work; --json keeps the array scripts know (every version, oldest
first), streamed; --jsonl one object a line, newest first."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from datetime import datetime, timezone

import pytest

from proofkit.app.session import Session
from proofkit.cli.jsonout import print_json, stream_json_array, version_json
from proofkit.cli.main import main
from proofkit.ledger import ReceiptData

T0 = datetime(2024, 5, 1, tzinfo=timezone.utc)


@pytest.fixture
def home(tmp_path):
    home = tmp_path / "home"
    with Session(home) as s:
        for i in range(30):
            s.ledger.record_stamp(
                work_title="Novel" if i % 3 else "Poems", file_name=f"ch{i}.txt", path=f"/p/ch{i}.txt",
                size=i, hash_alg="sha256", digest_hex=f"{i + 1:064x}",
                receipts=[ReceiptData(tsa_name="TSA", url="https://tsa.example", requested_at=T0,
                                      hash_alg="sha256")])
    return home


def run(home, *args) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--home", str(home), "log", *args]) == 0
    return out.getvalue()


def ids(text: str) -> list[int]:
    return [int(word[1:]) for line in text.splitlines() for word in line.split()
            if word.startswith("#") and word[1:].isdigit()]


def test_the_default_page_is_the_20_newest_and_says_how_many_more(home) -> None:
    out = run(home)
    # the 20 newest, as a timeline: each work's drafts together under its title, oldest first
    assert sorted(ids(out)) == list(range(11, 31))
    assert ids(out) == [i for i in range(11, 31) if i % 3 != 1] + [i for i in range(11, 31) if i % 3 == 1]
    assert out.startswith("\u2026 10 older version(s) not shown") and "--all" in out
    assert sorted(ids(run(home, "--all"))) == list(range(1, 31))
    assert sorted(ids(run(home, "--limit", "3"))) == [28, 29, 30]
    poems = ids(run(home, "--work", "Poems"))
    assert poems == [1, 4, 7, 10, 13, 16, 19, 22, 25, 28]
    assert "not shown" not in run(home, "--work", "Poems")
    assert ids(run(home, "--work", "Poems", "--limit", "2")) == [25, 28]


def test_since_filters_by_the_time_a_version_was_added(home) -> None:
    with Session(home) as s:
        versions = s.ledger.versions()
    cut = versions[25].created_at.isoformat()
    assert sorted(ids(run(home, "--since", cut))) == [26, 27, 28, 29, 30]
    assert "No version matches." in run(home, "--since", "2999-01-01")


def test_json_keeps_its_form_for_scripts(home) -> None:
    with Session(home) as s:
        expected = [version_json(v, s.ledger.receipts(version_id=v.id)) for v in s.ledger.versions()]
    out = run(home, "--json")
    assert json.loads(out) == expected  # every version, oldest first: not paged
    legacy = io.StringIO()
    with redirect_stdout(legacy):
        print_json(expected)
    assert out == legacy.getvalue()  # byte for byte what the unstreamed form printed
    assert json.loads(run(home, "--json", "--limit", "3")) == expected[-3:]
    assert json.loads(run(home, "--json", "--work", "Poems")) == [e for e in expected if e["work"] == "Poems"]


def test_json_lines_newest_first(home) -> None:
    lines = run(home, "--jsonl").splitlines()
    assert [json.loads(line)["id"] for line in lines] == list(range(30, 0, -1))
    assert [json.loads(line)["id"] for line in run(home, "--jsonl", "--limit", "2").splitlines()] == [30, 29]


@pytest.mark.parametrize("items", [[], [{"a": 1}], [{"a": [1, {"b": "x\ny"}]}, {"c": "风"}]])
def test_the_streamed_array_is_byte_identical(items) -> None:
    a, b = io.StringIO(), io.StringIO()
    with redirect_stdout(a):
        print_json(items)
    with redirect_stdout(b):
        stream_json_array(iter(items))
    assert a.getvalue() == b.getvalue()


def test_bad_options_are_one_clear_sentence(home, capsys) -> None:
    assert main(["--home", str(home), "log", "--all", "--limit", "3"]) == 2
    assert main(["--home", str(home), "log", "--since", "yesterday"]) == 2
    err = capsys.readouterr().err
    assert "--all or --limit" in err and "not a date" in err

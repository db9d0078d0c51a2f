"""How times are shown: local and UTC, once when they are the same."""

from __future__ import annotations

import os
import time
from datetime import datetime, timezone

import pytest

pytest.importorskip("PySide6")

from proofkit.gui import fmt  # noqa: E402


@pytest.fixture
def tz(monkeypatch):
    def set_tz(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_tz
    monkeypatch.undo()
    time.tzset()


def test_utc_local_time_is_printed_once(tz):
    dt = datetime(2024, 5, 1, 6, 39, 59, tzinfo=timezone.utc)
    tz("UTC")
    assert fmt.both_times(dt) == "2024-05-01 06:39:59 UTC"
    tz("Asia/Shanghai")
    assert fmt.both_times(dt) == "2024-05-01 14:39:59 (2024-05-01 06:39:59 UTC)"
    assert os.environ["TZ"] == "Asia/Shanghai"

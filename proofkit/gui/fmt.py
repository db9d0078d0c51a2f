"""How numbers and times are shown: sizes, speeds, time left, genTime in local time and UTC."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QCoreApplication


def size(n: float) -> str:
    units = ["B", "KB", "MB", "GB", "TB"]
    value = float(n)
    for unit in units:
        if value < 1024 or unit == units[-1]:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} B"  # pragma: no cover


def duration(seconds: float) -> str:
    s = max(0, int(round(seconds)))
    if s < 60:
        return QCoreApplication.translate("Format", "%1 s").replace("%1", str(s))
    if s < 3600:
        return (QCoreApplication.translate("Format", "%1 min %2 s")
                .replace("%1", str(s // 60)).replace("%2", str(s % 60)))
    return (QCoreApplication.translate("Format", "%1 h %2 min")
            .replace("%1", str(s // 3600)).replace("%2", str((s % 3600) // 60)))


def local_time(dt: datetime | None) -> str:
    if dt is None:
        return ""
    return dt.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def utc_time(dt: datetime | None) -> str:
    if dt is None:
        return ""
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def both_times(dt: datetime | None) -> str:
    """"2024-05-01 22:03:05 (2024-05-01 14:03:05 UTC)"; once, as UTC, when the local time
    is UTC (TZ=UTC, a server, many containers): the same time twice only confuses."""
    if dt is None:
        return ""
    if dt.astimezone().utcoffset() == timedelta(0):
        return utc_time(dt)
    return f"{local_time(dt)} ({utc_time(dt)})"


def verdict_time(v) -> str:
    """A verified token's time as both_times, with the TSA's stated accuracy when it gives one:
    the file existed no later than genTime + accuracy (RFC 3161), so the reader sees the margin."""
    text = both_times(v.gen_time)
    accuracy = getattr(v, "accuracy", None)
    if text and accuracy:
        text += " " + QCoreApplication.translate("Format", "(± %1 s)").replace(
            "%1", f"{accuracy.total_seconds():g}")
    return text


def short_digest(hex_: str, n: int = 16) -> str:
    return hex_[:n] + "…" if len(hex_) > n else hex_

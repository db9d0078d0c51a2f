"""A terminal progress bar that appears only when hashing takes more than a moment."""

from __future__ import annotations

import sys
import time


def _fmt_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1024 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TB"  # pragma: no cover


class ProgressBar:
    """Call ``update(done, total)`` from any thread; draws on stderr if it is a terminal and
    the work has taken longer than ``delay`` seconds; throttled to ~10 redraws a second."""

    def __init__(self, label: str, *, delay: float = 0.5, stream=None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.start = time.monotonic()
        self.delay = delay
        self._last = 0.0
        self._drawn = False

    def update(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < self.delay or (now - self._last < 0.1 and done < total):
            return
        self._last = now
        elapsed = max(now - self.start, 1e-6)
        speed = done / elapsed
        frac = done / total if total else 1.0
        width = 30
        bar = "#" * int(frac * width) + "-" * (width - int(frac * width))
        left = (total - done) / speed if speed > 0 else 0
        self.stream.write(f"\r{self.label} [{bar}] {frac * 100:5.1f}%  {_fmt_bytes(done)}/{_fmt_bytes(total)}"
                          f"  {_fmt_bytes(speed)}/s  {left:4.0f}s left ")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r" + " " * 100 + "\r")
            self.stream.flush()


class TerminalProgress:
    """The application layer's Progress for a terminal: a hashing bar (see ProgressBar) and,
    through ``on_event``, lines as TSAs answer. Ctrl-C is how a terminal cancels, so
    ``cancelled`` stays false."""

    cancelled = False

    def __init__(self, label: str = "hashing", on_event=None, *, stream=None) -> None:
        self._stream = stream
        self._label = label
        self.bar = ProgressBar(label, stream=stream)
        self._on_event = on_event

    def update(self, done: int, total: int) -> None:
        self.bar.update(done, total)

    def event(self, kind: str, data: dict) -> None:
        if kind == "hashing":  # a new item: a new bar, labelled with it
            self.bar.close()
            name = getattr(data.get("path"), "name", None) or str(data.get("path"))
            self.bar = ProgressBar(f"{self._label} {name}", stream=self._stream)
        elif kind == "hashed":
            self.bar.close()
        if self._on_event is not None:
            self._on_event(kind, data)

    def close(self) -> None:
        self.bar.close()

    def __enter__(self) -> "TerminalProgress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

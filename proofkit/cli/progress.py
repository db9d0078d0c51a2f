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

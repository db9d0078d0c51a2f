"""What the desktop app works with: its folders, settings, ledger, TSAs and verifier.

No Qt here. One instance is created at start-up and handed to the controllers that need
it; it holds no UI state. The verifier (loading trust roots takes ~0.2 s) is built on
first use, which is always on a worker thread.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from pathlib import Path

from proofkit.core.paths import Dirs, resolve_dirs
from proofkit.core.registry import TSAInfo, default_tsas, find_tsa, load_registry
from proofkit.core.settings import Settings, load_settings, save_settings

log = logging.getLogger(__name__)


class Services:
    def __init__(self, home: str | Path | None = None, *, settings: Settings | None = None) -> None:
        base = resolve_dirs(home)
        base.config.mkdir(parents=True, exist_ok=True)
        self.base_dirs = base
        self.settings = settings if settings is not None else load_settings(base.config)
        self.dirs = self._dirs_for(self.settings).ensure()
        self._ledger = None
        self._verifier = None
        self._registry: list[TSAInfo] | None = None
        self._lock = threading.Lock()

    def _dirs_for(self, s: Settings) -> Dirs:
        if s.data_dir:
            return dataclasses.replace(self.base_dirs, data=Path(s.data_dir).expanduser())
        return self.base_dirs

    # ------------------------------------------------------------------ settings

    def save_settings(self, new: Settings) -> None:
        """Persist ``new``; the verifier is rebuilt on next use (trust roots may differ).
        A changed data folder takes effect at the next start (the ledger stays open)."""
        save_settings(new, self.base_dirs.config)
        with self._lock:
            self.settings = new
            self._verifier = None

    # ------------------------------------------------------------------ ledger

    @property
    def ledger(self):
        with self._lock:
            if self._ledger is None:
                from proofkit.ledger import Ledger

                self._ledger = Ledger.open(self.dirs.ledger_path, backups_dir=self.dirs.backups)
            return self._ledger

    def close(self) -> None:
        with self._lock:
            if self._ledger is not None:
                self._ledger.close()
                self._ledger = None

    # ------------------------------------------------------------------ TSAs, verifier

    @property
    def registry(self) -> list[TSAInfo]:
        if self._registry is None:
            self._registry = load_registry()
        return self._registry

    def registry_with_custom(self) -> list[TSAInfo]:
        """The registry plus ad-hoc entries for the author's custom URLs (for sync)."""
        out = list(self.registry)
        for url in self.settings.custom_tsa_urls:
            try:
                t = find_tsa(url, self.registry)
            except Exception:  # noqa: BLE001 - a bad saved URL is skipped, not fatal
                continue
            if t not in out:
                out.append(t)
        return out

    def tsas(self) -> list[TSAInfo]:
        """The TSAs to ask, as chosen in the settings (registry defaults when unset)."""
        chosen = self.settings.tsas
        if chosen is None:
            return default_tsas(self.registry)
        out: list[TSAInfo] = []
        for name in chosen:
            try:
                out.append(find_tsa(name, self.registry))
            except Exception as exc:  # noqa: BLE001 - skip a stale entry, keep the others
                log.warning("settings: TSA %r skipped (%s)", name, exc)
        return out

    def verifier(self):
        """The shared verifier (thread-safe to build; cached until trust settings change)."""
        with self._lock:
            v = self._verifier
        if v is not None:
            return v
        from proofkit.core.verifier import verifier_for

        v = verifier_for(self.settings.trust_pems, self.ledger)
        with self._lock:
            self._verifier = v
        return v

    def invalidate_verifier(self) -> None:
        """New certificates were stored (a new TSA answered): rebuild on next use."""
        with self._lock:
            self._verifier = None

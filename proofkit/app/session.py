"""A session: what every use case works with — the author's folders and settings, the trust
roots, the ledger, the verifier and the TSA registry — opened lazily, once.

The command line makes one per command (``with Session(home, trust) as s: ...``); the desktop
app makes one at start-up and shares it with its workers. Both read the same settings file,
so the TSAs, trust roots, timeout and data folder chosen in the app's Settings hold for
``proofkit`` in a terminal too (a command's own ``--tsa``/``--timeout`` still win).

No Qt here. Thread-safe: a worker thread may open the ledger while the calling thread hashes.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from proofkit.core.errors import InputError
from proofkit.core.paths import Dirs, resolve_dirs
from proofkit.core.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:  # imported on first use: SQLAlchemy and cryptography are slow to import
    from proofkit.core.registry import TSAInfo
    from proofkit.core.verifier import Verifier
    from proofkit.ledger import Ledger

log = logging.getLogger(__name__)


class Session:
    def __init__(self, home: str | Path | None = None, *, trust: Sequence[str] = (),
                 settings: Settings | None = None) -> None:
        """``home``: one folder for everything (``--home``/PROOFKIT_HOME), else the platform's
        folders. ``trust``: PEM files of extra roots for this session only (``--trust``), on top
        of the ones saved in Settings."""
        self.base_dirs = resolve_dirs(home)
        self.settings = settings if settings is not None else load_settings(self.base_dirs.config)
        self.extra_trust = list(trust)
        self._dirs: Dirs | None = None
        self._ledger: Ledger | None = None
        self._verifier: Verifier | None = None
        self._registry: list[TSAInfo] | None = None
        self._lock = threading.RLock()

    # ------------------------------------------------------------------ folders, settings

    @property
    def dirs(self) -> Dirs:
        """The folders in use (created on first use): the settings' data folder, if one was chosen."""
        with self._lock:
            if self._dirs is None:
                d = self.base_dirs
                if self.settings.data_dir:
                    d = dataclasses.replace(d, data=Path(self.settings.data_dir).expanduser())
                self._dirs = d.ensure()
            return self._dirs

    def save_settings(self, new: Settings) -> None:
        """Persist ``new``; the verifier is rebuilt on next use (trust roots may differ). A
        changed data folder takes effect in the next session (the ledger stays open)."""
        self.base_dirs.config.mkdir(parents=True, exist_ok=True)
        save_settings(new, self.base_dirs.config)
        with self._lock:
            self.settings = new
            self._verifier = None

    # ------------------------------------------------------------------ ledger

    @property
    def ledger(self) -> "Ledger":
        with self._lock:
            if self._ledger is None:
                from proofkit.ledger import Ledger

                d = self.dirs
                self._ledger = Ledger.open(d.ledger_path, backups_dir=d.backups)
                self._import_renewals(self._ledger)
            return self._ledger

    def _import_renewals(self, ledger: "Ledger") -> None:
        """Renewal batches kept as files before the ledger held them (schema v9) are
        imported on first open; the files stay. A failure leaves them for the next open."""
        from proofkit.core.errors import ProofKitError
        from proofkit.ledger.evidence import import_batch_files

        try:
            import_batch_files(ledger, self.dirs.evidence)
        except (ProofKitError, OSError):
            pass

    def close(self) -> None:
        with self._lock:
            if self._ledger is not None:
                self._ledger.close()
                self._ledger = None

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ TSAs, verifier

    @property
    def registry(self) -> "list[TSAInfo]":
        with self._lock:
            if self._registry is None:
                from proofkit.core.registry import load_registry

                self._registry = load_registry()
            return self._registry

    def registry_with_custom(self) -> "list[TSAInfo]":
        """The registry plus entries for the author's custom URLs (what ``sync`` may ask)."""
        from proofkit.core.registry import find_tsa

        out = list(self.registry)
        for url in self.settings.custom_tsa_urls:
            try:
                t = find_tsa(url, self.registry)
            except Exception:  # noqa: BLE001 - a bad saved URL is skipped, not fatal
                continue
            if t not in out:
                out.append(t)
        return out

    def tsas(self, override: Sequence[str] | None = None) -> "list[TSAInfo]":
        """The TSAs to ask: ``override`` (names or URLs, e.g. ``--tsa``) when given, each of
        which must be known or a URL; else those chosen in Settings; else the registry's
        defaults. A stale name saved in Settings is skipped, not fatal."""
        from proofkit.core.registry import default_tsas, find_tsa

        if override:
            return [find_tsa(t, self.registry) for t in override]
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

    def timeout(self, override: float | None = None) -> float:
        """Seconds to wait for a TSA: ``override`` (``--timeout``) or the settings' value."""
        if override is not None:
            if override <= 0:
                raise InputError("--timeout must be a positive number of seconds.")
            return float(override)
        return self.settings.timeout

    def verifier(self) -> "Verifier":
        """The shared verifier: default roots, the Settings' roots, this session's ``trust``,
        and every certificate the ledger has seen. Cached until trust or the ledger's
        certificates change (:meth:`invalidate_verifier`)."""
        with self._lock:
            if self._verifier is None:
                from proofkit.core.verifier import verifier_for

                self._verifier = verifier_for(self.settings.trust_pems + self.extra_trust, self.ledger)
            return self._verifier

    def bare_verifier(self) -> "Verifier":
        """A verifier with the same trust roots but none of the ledger's certificates: for
        someone else's evidence (a bundle must carry what it needs) and single tokens."""
        from proofkit.core.verifier import verifier_for

        return verifier_for(self.settings.trust_pems + self.extra_trust)

    def invalidate_verifier(self) -> None:
        """New certificates were stored (a new TSA answered): rebuild on next use."""
        with self._lock:
            self._verifier = None

    # ------------------------------------------------------------------ start-up overlap

    def warm_up(self) -> None:
        """Open the ledger and build the verifier now, importing what stamping needs
        (SQLAlchemy, cryptography, rfc3161ng): given to hashing as its ``while_large`` hook,
        this Python-heavy start-up runs while large files hash on worker threads and costs
        no wall time. An error is left for the caller's own first use of the ledger to raise
        in its thread, where it is expected."""
        try:
            import rfc3161ng  # noqa: F401  (builds the requests; its import, requests included, is slow)

            from proofkit.core import stamping  # noqa: F401

            self.verifier()
        except Exception:  # noqa: BLE001 - raised again, in the right thread, on first use
            log.debug("warm-up failed; the ledger is opened again on first use", exc_info=True)

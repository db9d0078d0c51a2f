"""Every folder ProofKit uses comes from here: platformdirs by default, or one home folder
given by ``--home DIR`` / ``PROOFKIT_HOME`` (tests and portable installs)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "ProofKit"
APP_AUTHOR = "ProofKit"


@dataclass(frozen=True)
class Dirs:
    data: Path
    config: Path
    logs: Path
    cache: Path

    @property
    def ledger_path(self) -> Path:
        return self.data / "ledger.sqlite3"

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def vault(self) -> Path:
        """The exact stamped bytes (proofkit.ledger.vault)."""
        return self.data / "vault"

    @property
    def evidence(self) -> Path:
        """RFC 4998 evidence records and ledger anchors (renewal)."""
        return self.data / "evidence"

    def ensure(self) -> "Dirs":
        from .errors import InputError

        for p in (self.data, self.config, self.logs, self.cache):
            try:
                p.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise InputError(f"{p}: ProofKit cannot create its folder there "
                                 f"({exc.strerror or exc}); choose another with --home DIR.") from None
        return self


def resolve_dirs(home: str | os.PathLike[str] | None = None) -> Dirs:
    """Folders for this run. ``home`` (or PROOFKIT_HOME) puts everything under one folder."""
    home = home or os.environ.get("PROOFKIT_HOME") or None
    if home:
        root = Path(home).expanduser().resolve()
        return Dirs(root, root / "config", root / "logs", root / "cache")
    import platformdirs

    return Dirs(
        Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
        Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)),
    )

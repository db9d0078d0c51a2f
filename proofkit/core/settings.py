"""The user's settings as one typed object, stored as JSON in the config folder.

No Qt here: the CLI may read the same file later. Loading never fails: a missing file gives
the defaults, a corrupt file is set aside (``settings.json.corrupt``) and gives the
defaults, an unknown or mistyped field falls back to its default. Saving is atomic (write a
temporary file, fsync, rename), so a crash never leaves half a settings file.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from .files import atomic_write

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
SETTINGS_FORMAT = "proofkit-settings"
SETTINGS_VERSION = 1
LANGUAGES = ("system", "zh_CN", "en")


@dataclass
class Settings:
    """What the author chose. ``tsas`` None means "the registry's default TSAs"."""

    #: TSA registry names or http(s) URLs to ask, in order; None = the registry's defaults.
    tsas: list[str] | None = None
    #: Custom TSA URLs the author added (kept even when unticked, so they stay listed).
    custom_tsa_urls: list[str] = field(default_factory=list)
    #: Names the author gave custom TSAs, by URL (shown instead of the host).
    custom_tsa_names: dict[str, str] = field(default_factory=dict)
    #: PEM files whose certificates are trusted as extra roots.
    trust_pems: list[str] = field(default_factory=list)
    #: Where the ledger lives; None = the platform's data folder (or --home).
    data_dir: str | None = None
    #: "system" follows the operating system's language.
    language: str = "system"
    #: Seconds to wait for one TSA answer.
    timeout: float = 20.0
    #: Remind to back up the ledger after this many days without a backup (0 = never).
    backup_reminder_days: int = 30
    #: Whether the welcome screen was shown and accepted.
    welcomed: bool = False
    #: Minutes between automatic attempts to complete pending stamps.
    sync_interval_minutes: int = 10
    #: Keep the exact stamped bytes of files up to this size in the vault (MiB; 0 = never,
    #: unless a work says "keep").
    vault_limit_mib: int = 64
    #: Per-work choice for the vault: work title -> "keep" | "skip" (absent: by size and type).
    vault_works: dict[str, str] = field(default_factory=dict)
    #: Folder the ledger, receipts and vault are mirrored to after every change; None = none.
    mirror_folder: str | None = None
    #: The author's identity, entered once (Settings, `proofkit author set`) and printed in
    #: evidence bundles as a declaration: declared by the author, not proven by anyone.
    author_pen_names: list[str] = field(default_factory=list)
    author_real_name: str = ""
    #: Platform accounts, e.g. an author page URL on Fanqie, Jinjiang, Qidian, LiblibAI, Civitai.
    author_accounts: list[str] = field(default_factory=list)
    author_contact: str = ""
    #: The date (YYYY-MM-DD, UTC) from which SHA-256 is retired for time stamps: renewals
    #: switch to hash-tree renewal with SHA-512 two years before it (RFC 4998 5.2).
    sha256_retired_from: str = "2040-01-01"

    def author_declaration(self) -> dict | None:
        """The author's declared identity for a bundle, or None when nothing was entered."""
        doc = {
            "pen_names": [p.strip() for p in self.author_pen_names if p.strip()],
            "real_name": self.author_real_name.strip(),
            "accounts": [a.strip() for a in self.author_accounts if a.strip()],
            "contact": self.author_contact.strip(),
        }
        return doc if any(doc.values()) else None

    # ------------------------------------------------------------------ (de)serialise

    def to_json(self) -> str:
        doc = {"format": SETTINGS_FORMAT, "version": SETTINGS_VERSION, **asdict(self)}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, doc: Any) -> "Settings":
        """Tolerant: each field that is missing or of the wrong type keeps its default."""
        out = cls()
        if not isinstance(doc, dict):
            return out
        for f in fields(cls):
            if f.name not in doc:
                continue
            value = doc[f.name]
            default = getattr(out, f.name)
            if _valid(f.name, value, default):
                setattr(out, f.name, list(value) if isinstance(value, list) else
                        dict(value) if isinstance(value, dict) else value)
            else:
                log.warning("settings: ignoring invalid value for %s: %r", f.name, value)
        if isinstance(out.timeout, int):
            out.timeout = float(out.timeout)
        return out


def _valid(name: str, value: Any, default: Any) -> bool:
    if name == "tsas":
        return value is None or (isinstance(value, list) and all(isinstance(v, str) and v for v in value))
    if name == "data_dir":
        return value is None or (isinstance(value, str) and bool(value.strip()))
    if name == "language":
        return value in LANGUAGES
    if name == "mirror_folder":
        return value is None or (isinstance(value, str) and bool(value.strip()))
    if name == "sha256_retired_from":
        from datetime import date

        try:
            date.fromisoformat(value)
            return isinstance(value, str) and len(value) == 10
        except (TypeError, ValueError):
            return False
    if name == "vault_works":
        return isinstance(value, dict) and all(
            isinstance(k, str) and v in ("keep", "skip") for k, v in value.items())
    if isinstance(default, dict):
        return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str)
                                               for k, v in value.items())
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return isinstance(value, type(default))


def settings_path(config_dir: str | os.PathLike[str]) -> Path:
    return Path(config_dir) / SETTINGS_FILE


def load_settings(config_dir: str | os.PathLike[str]) -> Settings:
    """The settings in ``config_dir``; defaults when the file is missing or unreadable."""
    path = settings_path(config_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        log.warning("settings: cannot read %s (%s); using defaults", path, exc)
        return Settings()
    try:
        doc = json.loads(text)
    except ValueError:
        # Keep the damaged file for a human to look at; never overwrite it silently.
        try:
            os.replace(path, path.with_name(path.name + ".corrupt"))
        except OSError:
            pass
        log.warning("settings: %s is not valid JSON; set aside, using defaults", path)
        return Settings()
    return Settings.from_dict(doc)


def save_settings(settings: Settings, config_dir: str | os.PathLike[str]) -> Path:
    """Write atomically: readers see the old file or the new one, never half of one."""
    path = settings_path(config_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path, prefix=".settings-") as f:
        f.write(settings.to_json().encode("utf-8"))
    return path


__all__ = ["Settings", "load_settings", "save_settings", "settings_path", "LANGUAGES"]

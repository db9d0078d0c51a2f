"""The author's identity, entered once (Settings, ``proofkit author set``) and printed in every
evidence bundle as the author's declaration: declared by the author, proven by nobody. A
time stamp proves that a file existed; it does not prove who wrote it nor who the author is."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from proofkit.core.errors import InputError

if TYPE_CHECKING:
    from .session import Session

#: Longest value kept for one field: a declaration, not a document.
MAX_FIELD = 500


def declared(session: "Session") -> dict | None:
    """What the author declared (pen names, real name, accounts, contact), or None."""
    return session.settings.author_declaration()


def _clean(value: str, what: str) -> str:
    value = " ".join(str(value).split())
    if len(value) > MAX_FIELD:
        raise InputError(f"The {what} is too long ({len(value)} characters; at most {MAX_FIELD}).")
    return value


def settings_fields(*, pen_names: Sequence[str] | None = None, real_name: str | None = None,
                    accounts: Sequence[str] | None = None, contact: str | None = None) -> dict:
    """The Settings fields for what was given (None: not given), cleaned: whitespace folded,
    empty entries dropped. InputError (one sentence) for a value too long to be a name."""
    changes: dict = {}
    if pen_names is not None:
        changes["author_pen_names"] = [p for p in (_clean(p, "pen name") for p in pen_names) if p]
    if real_name is not None:
        changes["author_real_name"] = _clean(real_name, "real name")
    if accounts is not None:
        changes["author_accounts"] = [a for a in (_clean(a, "platform account") for a in accounts) if a]
    if contact is not None:
        changes["author_contact"] = _clean(contact, "contact")
    return changes


def split_names(text: str) -> list[str]:
    """Pen names typed on one line, separated by ; ； 、 or a comma."""
    return [p.strip() for p in re.split(r"[;；、,，]", text) if p.strip()]


def set_declared(session: "Session", *, pen_names: Sequence[str] | None = None, real_name: str | None = None,
                 accounts: Sequence[str] | None = None, contact: str | None = None) -> dict | None:
    """Replace the fields given (None leaves a field as it was; an empty value clears it) and
    save the settings. Returns the declaration as bundles will print it."""
    changes = settings_fields(pen_names=pen_names, real_name=real_name, accounts=accounts, contact=contact)
    if changes:
        session.save_settings(dataclasses.replace(session.settings, **changes))
    return declared(session)


def clear_declared(session: "Session") -> None:
    """Forget the author's identity: bundles carry no declaration from now on."""
    session.save_settings(dataclasses.replace(session.settings, author_pen_names=[], author_real_name="",
                                              author_accounts=[], author_contact=""))

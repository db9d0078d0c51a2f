"""The one error a model file can raise: a sentence a non-expert can act on."""

from __future__ import annotations

from ..errors import InputError


class ModelFormatError(InputError):
    """A model file that cannot be read safely: unknown or damaged format, a hostile header,
    a pickle that asks for anything but tensors. Nothing in the file was executed."""

"""One way to name a TSA on screen, from the registry and the names the author gave custom
URLs in Settings (read live: a rename shows on the next refresh)."""

from __future__ import annotations

from proofkit.core.registry import tsa_title


class TsaNames:
    def __init__(self, services) -> None:
        self.services = services

    def __call__(self, name: str, url: str = "") -> str:
        return tsa_title(name, url, self.services.registry, self.services.settings.custom_tsa_names)

    def of(self, receipt_or_tsa) -> str:
        """The label of a receipt (tsa_name, url) or of a TSAInfo (name, url)."""
        name = getattr(receipt_or_tsa, "tsa_name", None) or receipt_or_tsa.name
        return self(name, receipt_or_tsa.url)

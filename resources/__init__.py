"""Data files shipped with ProofKit (TSA registry, pinned roots, translations, fonts, icons)."""

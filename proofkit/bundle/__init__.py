"""Evidence bundles: one zip an author sends to someone who does not have ProofKit.

- :mod:`.format`: the bundle's versioned manifest (media type, version, member names) and
  its validation when read;
- :mod:`.collect`: what goes in, read from the ledger and re-verified at export;
- :mod:`.instructions`: VERIFY.md / VERIFY.zh.md (openssl and sha256sum commands);
- :mod:`.report`: report.pdf for people (fpdf2, an embedded CJK font);
- :mod:`.export`: writes the zip, reproducibly (``proofkit export``);
- :mod:`.safezip`: reads an untrusted zip into memory, with limits;
- :mod:`.verify`: checks someone else's bundle without a ledger (``proofkit verify B.zip``).
"""

"""The application layer: what a person can do with ProofKit, once, for both front ends.

The command line (proofkit.cli) and the desktop app (proofkit.gui) only translate between
people and these use cases — arguments and exit codes, widgets and signals. Each use case
takes a :class:`~proofkit.app.session.Session` and a :class:`~proofkit.app.progress.Progress`,
and returns plain dataclasses.

- ``session``     the author's folders, settings, trust roots, ledger, verifier, TSAs
- ``progress``    the progress/cancel protocol both front ends implement
- ``stamping``    stamp files and folders; complete pending stamps (sync)
- ``verifying``   a file against the ledger, a single token, someone's bundle; the rule that
                  a receipt refused when it arrived stays refused
- ``exporting``   evidence bundles
- ``watching``    stamp a folder's changes at most once per interval
- ``browsing``    the ledger's works, versions and receipts
- ``ledger_care`` integrity check (deep: re-verify everything) and backup
- ``tsas``        the known TSAs, and a real test of one
- ``author``      the author's identity, printed in bundles as declared, not proven
- ``text_comparing`` a manuscript against a suspected copy: the 调色盘 (palette), each copied
                  passage tied to the earliest stamped version that contained it

Layers (tests/test_layers.py): core <- ledger <- bundle <- app <- cli, gui. Nothing here
imports Qt, argparse or prints.
"""

"""How the command line explains itself: a suggestion for a mistyped command or choice, a
description for every option, and examples under every command's help.

Kept apart from the parser's definition (main.py) so a new command gets its help by adding
an entry here; tests/test_cli_usability.py fails for an option without help or a command
without an example. Standard library only (the CLI starts fast)."""

from __future__ import annotations

import argparse
import difflib
import re

_CHOICE = re.compile(r"invalid choice: '([^']*)' \(choose from (.*)\)")

#: Under ``proofkit COMMAND --help``.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "hash": ("proofkit hash chapter-01.md", "proofkit hash --hash sha512 model.safetensors",
             "proofkit hash *.md > SHA256SUMS && sha256sum -c SHA256SUMS"),
    "stamp": ('proofkit stamp chapter-01.md --work "The Long Night"',
              "proofkit stamp manuscript/ --tsa digicert --tsa sectigo",
              "proofkit stamp lora.safetensors --fingerprint --json"),
    "verify": ("proofkit verify chapter-01.md", "proofkit verify chapter-01.md --token chapter-01.tsr",
               "proofkit verify --digest 9f86d081… --token chapter-01.tsr",
               "proofkit verify evidence.zip --file chapter-01.md"),
    "log": ("proofkit log", 'proofkit log --work "The Long Night"', "proofkit log --json"),
    "show": ("proofkit show 12", "proofkit show 12 --json"),
    "sync": ("proofkit sync", "proofkit sync --timeout 60 --json", "proofkit sync --drop 17"),
    "ledger": ("proofkit ledger check", "proofkit ledger check --deep",
               "proofkit ledger backup ~/ledger-copy.sqlite3"),
    "tsa": ("proofkit tsa list", "proofkit tsa check digicert", "proofkit tsa login tsa-cn"),
    "export": ('proofkit export "The Long Night" -o evidence.zip',
               "proofkit export 12 -o draft-12.zip --include-original --lang en",
               "proofkit export manuscript/ -o ev.zip --original chapters/01.md"),
    "fingerprint": ("proofkit fingerprint lora.safetensors", "proofkit fingerprint model.gguf -o model-fp.json"),
    "compare": ("proofkit compare mine.safetensors suspect.safetensors",
                "proofkit compare v12 suspect.safetensors --base base.safetensors -o report.html"),
    "watch": ('proofkit watch ~/novel --work "The Long Night" --every 1d',
              'proofkit watch ~/novel --work "The Long Night" --once'),
    "vault": ("proofkit vault check", "proofkit vault restore 12 -o chapter-01.md",
              'proofkit vault work "The Long Night" keep', "proofkit vault limit 256"),
    "mirror": ("proofkit mirror set ~/Dropbox/proofkit", "proofkit mirror set /media/usb/proofkit --encrypt",
               "proofkit mirror now", "proofkit mirror status"),
    "restore": ("proofkit restore ~/Dropbox/proofkit",),
    "renew": ("proofkit renew", "proofkit renew --all --tsa digicert --tsa sectigo",
              "proofkit renew --hash-tree sha512", "proofkit renew --retire-sha256 2035-01-01"),
    "author": ('proofkit author set --pen-name 风起云涌 --pen-name Wind --real-name "张三"',
               "proofkit author set --account https://fanqienovel.com/page/7012345678 --contact me@example.com",
               "proofkit author show --json", "proofkit author clear"),
}

TIMEOUT_HELP = "the longest to wait for each TSA, retries included (default: Settings, 20)"

#: Options that mean the same in every command.
COMMON: dict[str, str] = {
    "--json": "print the result as JSON",
    "--timeout": TIMEOUT_HELP,
    "--tsa": "TSA to ask (repeatable; see `proofkit tsa list`); default: the TSAs chosen in Settings",
    "--hash": "digest algorithm (default sha256; sm3 for Chinese institutions)",
}

#: Arguments whose meaning depends on the command: (command path, dest) -> help.
SPECIFIC: dict[tuple[str, str], str] = {
    ("hash", "paths"): "files to hash",
    ("stamp", "paths"): "files or folders to stamp",
    ("stamp", "alg"): "digest algorithm sent to the TSAs (default sha256)",
    ("verify", "path"): "the file, or an evidence bundle (.zip)",
    ("log", "work"): "only this work",
    ("ledger backup", "out"): "the copy to write (a new file)",
    ("tsa check", "name"): "the TSA to test (default: the chosen ones)",
    ("tsa login", "name"): "the TSA whose account to save (see `proofkit tsa list`)",
    ("tsa logout", "name"): "the TSA whose saved account to remove",
    ("export", "output"): "the bundle to write",
    ("compare", "output"): "also write the report: .html, .pdf or .json (models); .html, .pdf, .json, .csv or a folder (manuscripts)",
    ("watch", "folder"): "the folder to watch",
    ("watch", "work"): "the work its stamps belong to",
    ("vault restore", "output"): "where to write the bytes (a new file)",
    ("vault work", "title"): "the work's title",
    ("vault work", "choice"): "keep: always; skip: never; auto: by the size limit",
    ("mirror set", "folder"): "the folder to copy to (a cloud-drive folder or a USB disk)",
    ("restore", "folder"): "the mirror folder to restore from",
    ("sync", "drop"): "give up on pending receipt ID (its TSA is gone for good): recorded in the ledger as "
                      "given up, never asked again; a verified receipt is never dropped (repeatable)",
    ("vault limit", "mib"): "the largest file kept, in MiB",
}


def suggest(prog: str, message: str) -> str:
    """An argparse error, with the closest valid command or choice when one is close."""
    m = _CHOICE.search(message)
    if not m:
        return message
    choices = re.findall(r"'([^']*)'", m.group(2))
    close = difflib.get_close_matches(m.group(1), choices, n=1, cutoff=0.6)
    if not close:
        return message
    if "argument COMMAND" in message or "argument ACTION" in message:
        return f"unknown command '{m.group(1)}'; did you mean `{prog} {close[0]}`?"
    return f"{message.split(': invalid choice')[0]}: invalid choice '{m.group(1)}'; did you mean '{close[0]}'?"


def subparsers(p: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    """(command path, parser) for every command and action, depth first."""
    for a in p._actions:
        if isinstance(a, argparse._SubParsersAction):
            for name, sp in a.choices.items():
                yield prefix + (name,), sp
                yield from subparsers(sp, prefix + (name,))


def document(p: argparse.ArgumentParser) -> None:
    """Fill in what the parser's definition leaves out: help for common and specific
    arguments, examples under each command."""
    for path, sp in subparsers(p):
        sp.formatter_class = argparse.RawDescriptionHelpFormatter
        if len(path) == 1 and path[0] in EXAMPLES and not sp.epilog:
            sp.epilog = "examples:\n" + "\n".join(f"  {line}" for line in EXAMPLES[path[0]])
        for a in sp._actions:
            if a.help or isinstance(a, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            a.help = SPECIFIC.get((" ".join(path), a.dest)) or next(
                (COMMON[o] for o in a.option_strings if o in COMMON), None)

"""The facts of a bundle as a court, a platform or a lawyer reads them, in both languages:
the evidence catalogue (证据目录), each receipt's verdict and certificate facts, the times in
UTC and Beijing time, the hash-check explanation (哈希值校验说明) and its commands, the
author's declaration and the sentence on what a time stamp proves.

One place for these words and values: report.pdf renders them, manifest.json carries them
(:func:`proofkit.bundle.export.manifest_doc`) and VERIFY.md repeats them, so the PDF says
nothing the bundle's data does not.
"""

from __future__ import annotations

import shlex
from datetime import datetime, timedelta, timezone

from .collect import Collected, ProofReceipt, ProofVersion, fingerprint, subject_cn

BEIJING = timezone(timedelta(hours=8))

#: What a time stamp proves and what it does not: printed with the author's declaration.
STAMP_PROVES = {
    "zh": ("时间戳只证明：这份文件（正是这些字节，由其摘要识别）最晚在时间戳机构签名的时间已经存在。"
           "它不能证明文件是谁写的，也不能证明下面的身份信息属实。"),
    "en": ("A time stamp proves only that this file (exactly these bytes, identified by its digest) existed "
           "no later than the time the time-stamping authority signed. It does not prove who wrote the file, "
           "nor that the identity below is true."),
}
DECLARED_LABEL = {"zh": "作者声明（自行填写，未经证明）", "en": "Author's declaration (declared, not proven)"}
DECLARED_NOTE = {
    "zh": "以下信息由作者在 ProofKit 中自行填写，ProofKit 和时间戳机构都没有核实。",
    "en": "The author entered this in ProofKit; neither ProofKit nor any time-stamping authority checked it.",
}
AUTHOR_FIELDS = {
    "pen_names": ("笔名", "Pen names"),
    "real_name": ("真实姓名", "Real name"),
    "accounts": ("平台账号", "Platform accounts"),
    "contact": ("联系方式", "Contact"),
}
VERIFIED = {"zh": "\u2713 已验证", "en": "\u2713 verified"}


def utc_text(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def beijing_text(dt: datetime) -> str:
    return dt.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S") + " 北京时间 (UTC+8)"


def both_times(dt: datetime) -> str:
    """A time as people in China and elsewhere read it; the zone is always named."""
    return f"{utc_text(dt)} = {beijing_text(dt)}"


def colon_hex(hexd: str) -> str:
    hexd = hexd.upper()
    return ":".join(hexd[i:i + 2] for i in range(0, len(hexd), 2))


def version_label(v: ProofVersion) -> str:
    """v2 = the work's second version (the ledger id stays in manifest.json as ``id``)."""
    return f"v{getattr(v.row, 'number', 0) or v.row.id}"


def tsa_names(v: ProofVersion) -> list[str]:
    return sorted({r.row.tsa_name for r in v.receipts})


# ----------------------------------------------------------------------- receipts
def receipt_facts(r: ProofReceipt) -> dict:
    """What the certificate page says about one receipt; every time carries its zone."""
    vd = r.verdict
    signer, root = vd.signer, r.root
    return {
        "id": r.row.id,
        "verdict": "verified",
        "verdict_text": dict(VERIFIED),
        "tsa": r.row.tsa_name,
        "tsa_url": r.row.url,
        "tsa_country": r.country,
        "gen_time": utc_text(vd.gen_time),
        "gen_time_beijing": beijing_text(vd.gen_time),
        "accuracy": r.accuracy,
        "serial": str(vd.serial),
        "policy": vd.policy,
        "hash_alg": vd.hash_alg,
        "tsa_certificate": {
            "subject": signer.subject.rfc4514_string(),
            "issuer": signer.issuer.rfc4514_string(),
            "not_before": utc_text(signer.not_valid_before_utc),
            "not_after": utc_text(signer.not_valid_after_utc),
            "sha256": fingerprint(signer),
        },
        "root": {"subject": root.subject.rfc4514_string(), "name": subject_cn(root),
                 "sha256": fingerprint(root), "file": r.root_file},
    }


def not_proof_text(n: dict, lang: str) -> str:
    """A receipt that is not proof, stated plainly (never with a tick)."""
    status = {"pending": ("未完成", "pending"), "failed": ("失败", "failed")}.get(n["status"], (n["status"], n["status"]))
    word = status[0] if lang == "zh" else status[1]
    prefix = "\u2718 未验证" if lang == "zh" else "\u2718 not verified"
    return f"{prefix} ({word}): {n['reason']}"


# ----------------------------------------------------------------------- hash check
def hash_commands(v: ProofVersion) -> list[tuple[str, str]]:
    """(where, command) to recompute the digests of a version on one's own copy."""
    name = v.row.file_name if v.row.kind == "file" else (v.manifest_file or v.row.file_name)
    alg = v.row.hash_alg
    q = shlex.quote(name)
    win = f'certutil -hashfile "{name}" {alg.upper()}'
    cmds = [("Windows (cmd / PowerShell)", win),
            ("Linux", f"{alg}sum {q}"),
            ("macOS", f"shasum -a {alg[3:]} {q}"),
            ("OpenSSL", f"openssl dgst -{alg} {q}")]
    if v.sm3:
        cmds.append(("OpenSSL (SM3)", f"openssl dgst -sm3 {q}"))
    return cmds


HASH_EXPLAINED = {
    "zh": ["摘要（哈希值）是由文件全部字节计算出的一串固定长度的字符，相当于文件的“指纹”。",
           "文件哪怕只改动一个字、一个标点，算出的摘要也会完全不同；不同的文件几乎不可能得到相同的摘要。",
           "时间戳机构签名的正是这个摘要。用下面任一命令对你手上的文件计算摘要，结果与本页所列数值完全一致，"
           "就说明它与被盖时间戳的文件一字不差。"],
    "en": ["A digest (hash value) is a fixed-length string computed from every byte of a file: the file's "
           "fingerprint.",
           "Change a single character or punctuation mark and the digest changes completely; two different files "
           "practically never share one.",
           "The time-stamping authority signed this digest. Compute the digest of your copy with any of the "
           "commands below: if the result equals the value on this page, your copy is exactly the stamped file."],
}
FOLDER_EXPLAINED = {
    "zh": ("这是一次文件夹存证：文件夹中每个文件的 SHA-256 写入一份清单（manifest），时间戳签的是这份清单的摘要。"
           "核对某个文件，先算它的 SHA-256 并在清单中找到同名的一行，再核对清单本身的摘要。"),
    "en": ("This is a folder stamp: every file's SHA-256 is written into one list (the manifest) and the time stamp "
           "signs the manifest's digest. To check one file, compute its SHA-256 and find it on its line of the "
           "manifest, then check the manifest's own digest."),
}


# ----------------------------------------------------------------------- catalogue
def catalogue(c: Collected) -> list[dict]:
    """The evidence catalogue (证据目录): numbered items 1-1, 1-2, ... each with its name,
    source and what it proves (证明目的), in both languages. ``key`` names the report
    section that holds it; the report adds the page."""
    items: list[dict] = []

    def add(key: str, name: tuple[str, str], source: tuple[str, str], purpose: tuple[str, str]) -> None:
        items.append({"number": f"1-{len(items) + 1}", "key": key,
                      "name": {"zh": name[0], "en": name[1]},
                      "source": {"zh": source[0], "en": source[1]},
                      "purpose": {"zh": purpose[0], "en": purpose[1]}})

    add("overview", ("证据说明与版本时间线", "Overview and timeline of the versions"),
        ("ProofKit 根据作者的本地账本生成", "made by ProofKit from the author's local ledger"),
        (f"《{c.work.title}》共 {len(c.versions)} 个版本的先后顺序及各自最早的时间戳",
         f"the order of the {len(c.versions)} versions of \u201c{c.work.title}\u201d and the earliest time stamp "
         "of each"))
    for v in c.versions:
        label = version_label(v)
        tsas = "、".join(tsa_names(v))
        tsas_en = ", ".join(tsa_names(v))
        first = v.earliest
        what_zh = f"文件夹 {v.row.file_name} 中的 {len(v.manifest_entries)} 个文件" if v.row.kind == "manifest" \
            else f"文件 {v.row.file_name}"
        what_en = f"the {len(v.manifest_entries)} files of the folder {v.row.file_name}" if v.row.kind == "manifest" \
            else f"the file {v.row.file_name}"
        add(f"version-{v.row.id}",
            (f"{label} {v.row.file_name}：存证证书及哈希值校验说明",
             f"{label} {v.row.file_name}: time-stamp certificate and hash check"),
            (f"作者的文件；时间戳由 {tsas} 按 RFC 3161 签发（{len(v.receipts)} 张回执）",
             f"the author's file; time stamps signed by {tsas_en} under RFC 3161 "
             f"({len(v.receipts)} {'receipt' if len(v.receipts) == 1 else 'receipts'})"),
            (f"{what_zh}（SHA-256 {v.row.digest_hex[:16]}…）最晚于 {beijing_text(first)} 已经存在",
             f"{what_en} (SHA-256 {v.row.digest_hex[:16]}…) existed no later than {utc_text(first)}"))
    if c.author:
        add("author", ("作者声明", "Author's declaration"),
            ("作者在 ProofKit 中自行填写", "entered by the author in ProofKit"),
            ("作者自述的身份（声明，未经证明）", "who the author says they are (declared, not proven)"))
    comparison = getattr(c, "comparison", None)
    if comparison is not None and comparison.get("format") == "proofkit-text-comparison":
        add("comparison", ("文本比对", "Manuscript comparison"),
            ("ProofKit 比对作者已盖时间戳的各版本与被比对的文本（comparison.json）",
             "ProofKit, from the author's stamped versions and the compared text (comparison.json)"),
            ("被比对的文本与作者作品雷同之处，以及最早包含每处雷同的已存证版本",
             "where the compared text matches the author's work, and the earliest stamped version holding each match"))
    elif comparison is not None:
        add("comparison", ("模型比对", "Model comparison"),
            ("ProofKit 用上文已盖时间戳的模型指纹比对（comparison.json）",
             "ProofKit, from the stamped model fingerprint above (comparison.json)"),
            ("被比对的文件是否由作者的模型派生；结论及全部数字",
             "whether the compared file is made from the author's model; the verdict and every figure"))
    add("verify", ("独立核验方法", "How to verify independently"),
        ("证据包内的 VERIFY.md、tokens/、certs/", "VERIFY.md, tokens/ and certs/ in this bundle"),
        ("任何人不借助 ProofKit，仅用 openssl 和 sha256sum 即可复核以上结论",
         "anyone can check the above with openssl and sha256sum alone, without ProofKit"))
    return items


def author_lines(author: dict, lang: str) -> list[tuple[str, str]]:
    """(label, value) pairs of the declaration, in ``lang``; empty fields left out."""
    out = []
    for key, (zh, en) in AUTHOR_FIELDS.items():
        value = author.get(key)
        if not value:
            continue
        text = "\n".join(value) if isinstance(value, list) else str(value)
        out.append((zh if lang == "zh" else en, text))
    return out

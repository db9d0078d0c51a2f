"""VERIFY.md and VERIFY.zh.md: how a stranger checks the bundle with only openssl and
sha256sum, from the folder the zip was unpacked into.

Every ```sh block runs as written from the bundle's root (the tests run them with bash);
commands that need the reader's own copy of a file are in ```text blocks instead.
"""

from __future__ import annotations

import shlex
from datetime import datetime

from .collect import Collected, ProofReceipt, ProofVersion, subject_cn
from .evidence import (
    DECLARED_NOTE,
    STAMP_PROVES,
    author_lines,
    beijing_text,
    colon_hex,
    hash_commands,
    receipt_facts,
    utc_text,
    version_label,
)

CHECKS = {
    "en": [
        ("status", "the TSA granted the request and sent a token"),
        ("structure", "the token is a signed time stamp (CMS SignedData over a TSTInfo) with one signer"),
        ("content_type / message_digest", "the signature covers exactly this time-stamp content"),
        ("signer_certificate / signature", "the TSA's certificate is found and its signature is valid"),
        ("signing_certificate_binding", "the signature names exactly that certificate (ESSCertID), so no "
                                        "certificate was swapped"),
        ("tsa_certificate", "the certificate is for time-stamping only (critical EKU) and is not a CA"),
        ("chain", "the certificate chains to the root in certs/, every certificate valid at genTime"),
        ("imprint", "the digest inside the token equals the file's (or folder manifest's) SHA-256"),
    ],
    "zh": [
        ("status", "时间戳机构（TSA）接受了请求并返回了令牌"),
        ("structure", "令牌是一个已签名的时间戳（CMS SignedData，内含 TSTInfo），只有一个签名者"),
        ("content_type / message_digest", "签名恰好覆盖这份时间戳内容"),
        ("signer_certificate / signature", "找到了 TSA 的证书，签名有效"),
        ("signing_certificate_binding", "签名指明的正是这张证书（ESSCertID），证书没有被调换"),
        ("tsa_certificate", "该证书只用于时间戳（关键扩展 EKU），且不是 CA 证书"),
        ("chain", "证书能链到 certs/ 里的根证书，且在时间戳时刻（genTime）都有效"),
        ("imprint", "令牌里的摘要等于文件（或文件夹清单）的 SHA-256"),
    ],
}


def q(path: str) -> str:
    return shlex.quote(path)


def fmt_time(dt: datetime, lang: str) -> str:
    """UTC and Beijing time in both languages: the zone is always named."""
    return f"{utc_text(dt)} ({beijing_text(dt)})"


def ts_command(c: Collected, v: ProofVersion, r: ProofReceipt) -> str:
    """The openssl command for one receipt, runnable from the bundle's root."""
    if v.manifest_file:
        data = f"-data {q(v.manifest_file)}"
    elif v.originals:
        data = f"-data {q(v.originals[0].member)}"
    else:
        data = f"-digest {v.row.digest_hex}"
    epoch = int(r.gen_time.timestamp())
    return (f"openssl ts -verify -in {q(r.response_file)} {data} \\\n"
            f"  -CAfile {q(r.root_file)} -untrusted {q(r.chain_file)} -attime {epoch}")


def sha_check_block(lines: list[tuple[str, str]]) -> str:
    """``sha256sum -c`` with the expected lines inline (a quoted here-document: nothing in
    it is expanded by the shell). Names use sha256sum's own escaping, not the shell's."""
    body = "\n".join(_sum_line(hexd, name) for hexd, name in lines)
    return f"sha256sum -c <<'EOF'\n{body}\nEOF"


def _sum_line(hexd: str, name: str) -> str:
    if "\\" in name or "\n" in name:
        return "\\" + hexd + "  " + name.replace("\\", "\\\\").replace("\n", "\\n")
    return f"{hexd}  {name}"


T = {
    "en": {
        "title": "How to verify this evidence bundle",
        "intro": ("This bundle proves that the files listed below existed no later than the times shown, "
                  "using RFC 3161 time stamps from independent time-stamping authorities (TSAs). You do not "
                  "need ProofKit: `openssl` (1.1 or newer) and `sha256sum` are enough. Unzip the bundle, open "
                  "a terminal in the unzipped folder (where this file is) and run the commands below as written."),
        "work": "Work", "pen": "Author (pen name)", "exported": "Exported", "by": "by",
        "roots_h": "1. Decide whether you trust the root certificates",
        "roots_p": ("The commands below use the root certificates shipped in `certs/`. A root in a bundle proves "
                    "nothing by itself: anyone can make one. Check each fingerprint against one you obtain "
                    "independently (the TSA's website, or your operating system's certificate store) before "
                    "trusting the result."),
        "fp_cmd": "Show its fingerprint:",
        "src": {"pinned": "pinned in ProofKit's TSA registry for {x}; compare with the fingerprint the TSA publishes",
                "mozilla": "in Mozilla's root store (the one Firefox uses)",
                "system": "in the exporting computer's system certificate store",
                "user": "trusted by the author's own choice (added with --trust); check it with the TSA"},
        "files_h": "2. Check the files",
        "files_in": "The original files are in `originals/`. This checks they are the stamped ones:",
        "files_out": ("The original files are not in this bundle. On your copy of a file, `sha256sum FILE` must "
                      "print the digest shown here:"),
        "manifest_p": ("A folder was stamped as one manifest (a `sha256sum` file listing every file's digest). "
                       "The manifest is in the bundle; this checks it is the stamped one:"),
        "manifest_in": "The originals included from the folder match their lines in the manifest:",
        "manifest_out": ("To check your copy of a file of the folder, run this in the folder holding your copy "
                         "(it checks only the files present):"),
        "left_out": "Left out of this bundle",
        "sm3": "SM3 of the same bytes", "sm3_none": "SM3 not available: {why}",
        "own_copy": ("The digest is a fingerprint of every byte of the file: change one character and it changes "
                     "completely. On your copy of the file, any of these must print the value above:"),
        "folder_files": "Files of the folder (name, size, SHA-256){picked}:",
        "picked": ", as picked by the author; the manifest lists all {n}",
        "size_unknown": "size unknown ({why})",
        "verdict": "Verdict at export", "verified": "\u2713 verified", "country": "country",
        "accuracy": "Accuracy", "accuracy_none": "not stated by the TSA",
        "tsa_cert": "TSA certificate", "issuer": "issued by", "valid": "valid",
        "root": "Anchoring root", "number": "version {n} of the work (ledger id {i})",
        "author_h": "Author's declaration (declared, not proven)",
        "stamps_h": "3. Check the time stamps",
        "stamps_p": "Each command must print `Verification: OK`. Each receipt is independent evidence.",
        "receipt": "Receipt", "tsa": "TSA", "gentime": "Time stamped (genTime)", "serial": "Serial",
        "policy": "Policy", "of": "for",
        "expect": "Expected output (a warning that the TSA certificate \"is not a CA cert\" is normal):",
        "inspect": "To read what a token says (genTime, digest, serial), run `openssl ts -reply -in tokens/rN.tsr -text`.",
        "ers_h": "Evidence records (RFC 4998): the receipts renewed",
        "ers_p": ("A time stamp is only as strong as the TSA key that signed it, and TSA certificates expire. "
                  "Before that happens ProofKit has each receipt stamped again: the receipts are gathered into a "
                  "hash tree and its root is time-stamped by other TSAs (an ArchiveTimeStamp). Each `.ers` file "
                  "below is an RFC 4998 Evidence Record (DER) over the exact bytes of the receipt's `.tsr` file: "
                  "it proves that receipt existed at the renewal time, while its own certificate was still "
                  "valid, and each later renewal does the same for the one before. `proofkit verify BUNDLE.zip` "
                  "checks them (each reduced hash tree, each renewal made in time, the chain back to the "
                  "receipt); any RFC 4998 implementation can too (for example Bouncy Castle's "
                  "`ERSEvidenceRecord`). To look inside one with OpenSSL:"),
        "ers_for": "protects", "ers_by": "renewed by",
        "checks_h": "What the checks mean",
        "checks_p": "`openssl ts -verify` and ProofKit's own verifier both check:",
        "proves_h": "4. What this proves, and what it does not",
        "proves": ("It proves that each file (exactly these bytes, identified by its SHA-256 digest) existed no "
                   "later than the time stamped by the TSA. It does not, by itself, prove who wrote the file, that "
                   "it was not copied from elsewhere, or anything about its content; other evidence (drafts, "
                   "publication records, witnesses) speaks to authorship. Only the digest was sent to the TSAs, "
                   "never the file."),
        "not_proof": ("{n} receipts in the author's ledger are not included as proof (pending, failed, or not "
                      "verifiable when exported); `manifest.json` lists them under `not_proof`."),
        "not_proof_1": ("1 receipt in the author's ledger is not included as proof (pending, failed, or not "
                        "verifiable when exported); `manifest.json` lists it under `not_proof`."),
        "ledger_h": "About manifest.json",
        "ledger_p": ("`manifest.json` lists everything in the bundle with its SHA-256, the verdict of each check at "
                     "export, and the hashes of the author's ledger entries behind each receipt (a tamper-evident "
                     "log). With ProofKit installed, `proofkit verify BUNDLE.zip` runs all checks at once."),
    },
    "zh": {
        "title": "如何验证这份证据包",
        "intro": ("这份证据包证明下面列出的文件最晚在所示时间已经存在。证据是独立的时间戳机构（TSA）按 RFC 3161 "
                  "标准签发的时间戳。验证不需要安装 ProofKit，只需要 `openssl`（1.1 或更新版本）和 `sha256sum`。"
                  "解压证据包，在解压后的文件夹（本文件所在处）打开终端，照原样运行下面的命令。"),
        "work": "作品", "pen": "作者（笔名）", "exported": "导出时间", "by": "作者",
        "roots_h": "1. 决定是否信任根证书",
        "roots_p": ("下面的命令使用 `certs/` 里附带的根证书。证据包里的根证书本身不能证明什么：任何人都能制作一个。"
                    "请先把每个指纹与你独立获得的指纹（TSA 官网，或你的操作系统证书库）比对，再相信验证结果。"),
        "fp_cmd": "显示它的指纹：",
        "src": {"pinned": "ProofKit 的 TSA 登记表为 {x} 固定了这个根证书；请与该 TSA 公布的指纹比对",
                "mozilla": "在 Mozilla 根证书库中（Firefox 使用的那一个）",
                "system": "在导出这份证据包的电脑的系统证书库中",
                "user": "由作者自行选择信任（用 --trust 添加）；请向该 TSA 核实"},
        "files_h": "2. 核对文件",
        "files_in": "原始文件在 `originals/` 里。下面的命令核对它们就是被盖时间戳的那些文件：",
        "files_out": "这份证据包不含原始文件。对你手上的文件副本运行 `sha256sum 文件名`，输出的摘要必须与这里一致：",
        "manifest_p": ("这是一次文件夹时间戳：整个文件夹作为一份清单（列出每个文件摘要的 `sha256sum` 文件）一起盖章。"
                       "清单在证据包里；下面的命令核对它就是被盖章的那一份："),
        "manifest_in": "证据包里附带的该文件夹中的原始文件与清单中的行一致：",
        "manifest_out": "要核对你手上该文件夹中某个文件的副本，请在存放副本的文件夹中运行（只核对存在的文件）：",
        "left_out": "未放入证据包的内容",
        "sm3": "同一文件的 SM3", "sm3_none": "无法给出 SM3：{why}",
        "own_copy": "摘要是由文件全部字节算出的“指纹”：改动一个字，摘要就完全不同。对你手上的文件运行下面任一命令，输出必须与上面的数值一致：",
        "folder_files": "该文件夹中的文件（名称、大小、SHA-256）{picked}：",
        "picked": "，由作者选列；清单共列出 {n} 个文件",
        "size_unknown": "大小未知（{why}）",
        "verdict": "导出时的验证结果", "verified": "\u2713 已验证", "country": "国家/地区",
        "accuracy": "精度", "accuracy_none": "时间戳机构未声明",
        "tsa_cert": "TSA 证书", "issuer": "签发者", "valid": "有效期",
        "root": "锚定的根证书", "number": "作品的第 {n} 个版本（账本编号 {i}）",
        "author_h": "作者声明（自行填写，未经证明）",
        "stamps_h": "3. 核对时间戳",
        "stamps_p": "每条命令都必须输出 `Verification: OK`。每一张回执都是独立的证据。",
        "receipt": "回执", "tsa": "时间戳机构", "gentime": "时间戳时间（genTime）", "serial": "序列号",
        "policy": "策略", "of": "对应",
        "expect": "应当看到的输出（关于 TSA 证书 “is not a CA cert” 的警告是正常的）：",
        "inspect": "要查看令牌的内容（时间、摘要、序列号），运行 `openssl ts -reply -in tokens/rN.tsr -text`。",
        "ers_h": "证据记录（RFC 4998）：回执的续期",
        "ers_p": ("时间戳的效力取决于签发它的 TSA 密钥，而 TSA 证书会过期。在过期之前，ProofKit 会为每张回执再次盖章："
                  "把回执汇集成一棵哈希树，由其他 TSA 为树根盖时间戳（归档时间戳，ArchiveTimeStamp）。下面每个 `.ers` "
                  "文件都是一份 RFC 4998 证据记录（DER），覆盖回执 `.tsr` 文件的原始字节：它证明该回执在续期时已经存在，"
                  "而那时它自己的证书仍然有效；之后的每次续期又对前一次做同样的证明。`proofkit verify 证据包.zip` "
                  "会检查它们（每棵精简哈希树、每次续期是否及时、直到原回执的整条链）；任何 RFC 4998 实现也可以检查"
                  "（例如 Bouncy Castle 的 `ERSEvidenceRecord`）。用 OpenSSL 查看其结构："),
        "ers_for": "保护", "ers_by": "续期者",
        "checks_h": "各项检查的含义",
        "checks_p": "`openssl ts -verify` 和 ProofKit 自己的验证器都会检查：",
        "proves_h": "4. 这能证明什么，不能证明什么",
        "proves": ("它证明每个文件（正是这些字节，由其 SHA-256 摘要识别）最晚在 TSA 盖章的时间已经存在。"
                   "它本身并不能证明文件是谁写的、是否抄自别处，也不涉及内容本身；作者身份需要其他证据"
                   "（草稿、发表记录、证人等）。发送给 TSA 的只有摘要，从不包括文件本身。"),
        "not_proof": ("作者账本中有 {n} 张回执没有作为证据放入（尚未完成、失败，或导出时无法验证）；"
                      "`manifest.json` 的 `not_proof` 中列出了它们。"),
        "not_proof_1": ("作者账本中有 1 张回执没有作为证据放入（尚未完成、失败，或导出时无法验证）；"
                        "`manifest.json` 的 `not_proof` 中列出了它。"),
        "ledger_h": "关于 manifest.json",
        "ledger_p": ("`manifest.json` 列出证据包里的每个文件及其 SHA-256、导出时每项检查的结果，以及每张回执背后"
                     "作者账本（防篡改日志）中条目的哈希。如果安装了 ProofKit，`proofkit verify 证据包.zip` "
                     "会一次完成全部检查。"),
    },
}


def source_text(source: str | None, lang: str) -> str:
    src = T[lang]["src"]
    if not source:
        return ""
    kind, _, rest = source.partition(":")
    if kind == "pinned":
        return src["pinned"].format(x=rest)
    return src.get(kind, source)


def render(c: Collected, lang: str) -> str:
    t = T[lang]
    out: list[str] = [f"# {t['title']}", ""]
    colon = "：" if lang == "zh" else ": "
    out.append(f"- {t['work']}{colon}{c.work.title}")
    if c.work.pen_name:
        out.append(f"- {t['pen']}{colon}{c.work.pen_name}")
    out.append(f"- {t['exported']}{colon}{fmt_time(c.export_time, lang)}")
    out += ["", t["intro"], ""]
    if c.author:
        out += [f"### {t['author_h']}", "", DECLARED_NOTE[lang], ""]
        out += [f"- {label}{colon}{value.replace(chr(10), '; ')}" for label, value in author_lines(c.author, lang)]
        out += ["", STAMP_PROVES[lang], ""]

    out += [f"## {t['roots_h']}", "", t["roots_p"], ""]
    for cf in c.cert_files.values():
        if cf.role != "root":
            continue
        cert = cf.certs[0]
        from .collect import fingerprint

        fp = fingerprint(cert).upper()
        fp_colon = ":".join(fp[i:i + 2] for i in range(0, len(fp), 2))
        out.append(f"- `{cf.name}`: {subject_cn(cert)}")
        out.append(f"  - SHA-256: `{fp_colon}`")
        st = source_text(cf.source, lang)
        if st:
            out.append(f"  - {st}")
        out += ["", t["fp_cmd"], "", "```sh", f"openssl x509 -in {q(cf.name)} -noout -subject -fingerprint -sha256",
                "```", ""]

    out += [f"## {t['files_h']}", ""]
    for v in c.versions:
        out.append(f"### {version_label(v)}: {v.row.file_name}")
        out.append("")
        out.append(f"- {t['number'].format(n=getattr(v.row, 'number', 0) or v.row.id, i=v.row.id)}")
        out.append(f"- {v.row.hash_alg.upper()}: `{v.row.digest_hex}`")
        out.append(f"- {t['sm3']}: `{v.sm3}`" if v.sm3 else f"- {t['sm3_none'].format(why=v.sm3_note)}")
        out.append("")
        if v.manifest_file:
            out += [t["manifest_p"], "", "```sh", sha_check_block([(v.row.digest_hex, v.manifest_file)]), "```", ""]
            if v.originals:
                present = {o.rel for o in v.originals}
                flag = "" if present == {rel for rel, _ in v.manifest_entries} else " --ignore-missing"
                out += [t["manifest_in"], "", "```sh",
                        f"(cd {q(f'originals/v{v.row.id}')} && sha256sum -c{flag} {q('../../' + v.manifest_file)})", "```", ""]
            else:
                out += [t["manifest_out"], "", "```text",
                        f"sha256sum -c --ignore-missing /PATH/TO/BUNDLE/{v.manifest_file}", "```", ""]
            if v.files:
                picked = t["picked"].format(n=len(v.manifest_entries)) if v.files_listed == "picked" else ""
                out += [t["folder_files"].format(picked=picked), ""]
                for f in v.files:
                    size = f"{f.size:,} B" if f.size is not None else t["size_unknown"].format(why=f.note)
                    out.append(f"- `{f.rel}` — {size} — `{f.sha256}`")
                out.append("")
        elif v.originals:
            o = v.originals[0]
            out += [t["files_in"], "", "```sh", sha_check_block([(o.sha256, o.member)]), "```", ""]
        else:
            alg = v.row.hash_alg
            out += [t["files_out"], "", "```text", f"{v.row.digest_hex}  {v.row.file_name}", "```", ""]
            if alg == "sm3":  # no sm3sum exists; OpenSSL prints "SM3(FILE)= <hex>"
                out += ["```text", f"openssl dgst -sm3 {q(v.row.file_name)}", "```", ""]
            elif alg != "sha256":
                out += [f"({alg}sum)", ""]
        if not v.manifest_file:
            out += [t["own_copy"], "", "```text"]
            out += [f"{cmd}    # {where}" for where, cmd in hash_commands(v)]
            out += ["```", ""]
        for note in v.notes:
            out += [f"- {t['left_out']}: {note}"]
        if v.notes:
            out.append("")

    out += [f"## {t['stamps_h']}", "", t["stamps_p"], "", t["inspect"], ""]
    for v in c.versions:
        for r in v.receipts:
            f = receipt_facts(r)
            out.append(f"### {t['receipt']} r{r.row.id}: {r.row.tsa_name} — {fmt_time(r.gen_time, lang)}")
            out.append("")
            out.append(f"- {t['verdict']}: **{t['verified']}**")
            out.append(f"- {t['of']} {version_label(v)}: {v.row.file_name} ({v.row.hash_alg} `{v.row.digest_hex}`)")
            country = f" ({t['country']} {f['tsa_country']})" if f["tsa_country"] else ""
            out.append(f"- {t['tsa']}: {r.row.tsa_name}{country} <{r.row.url}>")
            out.append(f"- {t['gentime']}: {f['gen_time']} = {f['gen_time_beijing']}; "
                       f"{t['accuracy']}: {f['accuracy'] or t['accuracy_none']}")
            out.append(f"- {t['serial']}: {r.verdict.serial}; {t['policy']}: {r.verdict.policy}")
            cert = f["tsa_certificate"]
            out.append(f"- {t['tsa_cert']}: {cert['subject']}; {t['issuer']} {cert['issuer']}; "
                       f"{t['valid']} {cert['not_before']} — {cert['not_after']}")
            out.append(f"- {t['root']}: {f['root']['subject']}, SHA-256 `{colon_hex(f['root']['sha256'])}`")
            out += ["", "```sh", ts_command(c, v, r), "```", "", t["expect"], "", "```text", "Verification: OK",
                    "```", ""]
            out += revocation_lines(r, lang)

    renewed = [(v, r) for v in c.versions for r in v.receipts if r.evidence]
    if renewed:
        out += [f"### {t['ers_h']}", "", t["ers_p"], "", "```text",
                f"openssl asn1parse -inform DER -in {q(renewed[0][1].evidence[0][0])}", "```", ""]
        for _v, r in renewed:
            for member, tsas, _der in r.evidence:
                out.append(f"- `{member}`: {t['ers_for']} `{r.response_file}`; {t['ers_by']} "
                           f"{' → '.join(tsas)}")
        out.append("")
    out += [f"### {t['checks_h']}", "", t["checks_p"], ""]
    out += [f"- `{name}`: {text}" for name, text in CHECKS[lang]]
    out += ["", f"## {t['proves_h']}", "", t["proves"], ""]
    if c.not_proof:
        key = "not_proof_1" if len(c.not_proof) == 1 else "not_proof"
        out += [t[key].format(n=len(c.not_proof)), ""]
    out += [f"## {t['ledger_h']}", "", t["ledger_p"], ""]
    return "\n".join(out)


REVOCATION_TEXT = {
    "en": ("Revocation: the TSA certificate's status, fetched right after the stamp; it must say "
           "`good`, or a revocation time after the stamp's time:"),
    "zh": "吊销状态：盖戳后立即取得的 TSA 证书状态；它必须显示 `good`，或显示晚于盖戳时间的吊销时间：",
}


def revocation_lines(r, lang: str) -> list[str]:
    """How to read the OCSP response or CRL kept with a receipt, with openssl alone."""
    if not getattr(r, "revocation", None):
        return []
    out = [REVOCATION_TEXT[lang], "", "```sh"]
    serial = format(r.verdict.signer.serial_number, "X")
    for name, ev in r.revocation:
        if ev.kind == "ocsp":
            out.append(f"openssl ocsp -respin {q(name)} -resp_text -noverify")
        else:
            out.append(f"openssl crl -inform DER -in {q(name)} -noout -text | grep -A2 -i 'Serial Number: {serial}' "
                       "|| echo 'not listed: not revoked'")
    return out + ["```", ""]


def sh_blocks(markdown: str) -> list[str]:
    """The ```sh blocks of a VERIFY.md, in order (used by tests and by `proofkit verify`)."""
    blocks, cur = [], None
    for line in markdown.splitlines():
        if cur is None and line.strip() == "```sh":
            cur = []
        elif cur is not None and line.strip() == "```":
            blocks.append("\n".join(cur))
            cur = None
        elif cur is not None:
            cur.append(line)
    return blocks

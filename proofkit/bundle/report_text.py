"""The words of report.pdf, each a (Chinese, English) pair, and the verdict names of a model
comparison that the comparison reports share; ``text_pair`` puts the reader's language first."""

from __future__ import annotations

from .collect import Collected

TEXT = {
    "title": ("时间戳证据报告", "Time-stamp evidence report"),
    "work": ("作品", "Work"),
    "pen": ("作者（笔名）", "Author (pen name)"),
    "author_declared": ("作者（声明，未经证明）", "Author (declared, not proven)"),
    "exported": ("导出时间", "Exported"),
    "pinned": ("由 SOURCE_DATE_EPOCH 固定", "pinned by SOURCE_DATE_EPOCH"),
    "made_by": ("生成工具", "Made with"),
    "catalogue": ("证据目录", "Evidence catalogue"),
    "col_no": ("序号", "No."),
    "col_name": ("证据名称", "Evidence"),
    "col_source": ("来源", "Source"),
    "col_purpose": ("证明目的", "What it proves"),
    "col_page": ("页码", "Page"),
    "overview": ("证据说明", "Overview"),
    "proves_h": ("这份证据证明什么", "What this evidence proves"),
    "proves": ("下列每个文件（正是这些字节，由其 SHA-256 摘要识别）最晚在所示时间已经存在。时间由独立的时间戳机构"
               "（TSA）按 RFC 3161 标准签名，任何人都能用 openssl 核验，不需要 ProofKit。",
               "Each file listed below (exactly these bytes, identified by its SHA-256 digest) existed no later "
               "than the time shown. The time is signed by independent time-stamping authorities (TSAs) under "
               "RFC 3161; anyone can check it with openssl, without ProofKit."),
    "not_h": ("它不能证明什么", "What it does not prove"),
    "not": ("它本身不能证明文件是谁写的、是否抄自别处，也不涉及内容本身；作者身份需要其他证据（草稿、发表记录、"
            "证人等）。它也不说明文件在此之前存在了多久。",
            "It does not by itself prove who wrote the file, that it was not copied from elsewhere, or anything "
            "about its content; authorship needs other evidence (drafts, publication records, witnesses). Nor "
            "does it say how long before that time the file existed."),
    "privacy": ("发送给时间戳机构的只有摘要，从不包括文件本身。", "Only the digest was sent to the TSAs, never the file."),
    "timeline": ("版本时间线", "Timeline of the versions"),
    "cert": ("存证证书", "Time-stamp certificate"),
    "version": ("版本", "Version"),
    "ledger_id": ("账本编号 {i}", "ledger id {i}"),
    "file_name": ("文件名", "File name"),
    "folder_name": ("文件夹", "Folder"),
    "kind": ("类型", "Kind"),
    "kind_file": ("单个文件", "one file"),
    "kind_folder": ("文件夹，{n} 个文件，作为一份清单盖章", "a folder of {n} files, stamped as one manifest"),
    "size": ("大小", "Size"),
    "size_file": ("{n} 字节", "{n} bytes"),
    "size_manifest": ("清单 {n} 字节", "manifest {n} bytes"),
    "size_folder": ("；所列文件共 {n} 字节", "; the files listed total {n} bytes"),
    "stamped": ("摘要（被盖时间戳的）", "Digest (the one time-stamped)"),
    "sm3": ("SM3 摘要（同一字节）", "SM3 digest (same bytes)"),
    "sm3_none": ("无法给出：{why}", "not available: {why}"),
    "earliest": ("最早存证时间", "Earliest time stamp"),
    "receipts_h": ("时间戳回执", "Time-stamp receipts"),
    "receipt": ("回执 r{i}", "Receipt r{i}"),
    "tsa": ("时间戳机构", "TSA"),
    "country": ("国家/地区 {c}", "country {c}"),
    "gentime": ("时间（genTime）", "Time (genTime)"),
    "accuracy": ("精度", "Accuracy"),
    "accuracy_none": ("时间戳机构未声明", "not stated by the TSA"),
    "serial": ("序列号", "Serial number"),
    "policy": ("策略", "Policy"),
    "tsa_cert": ("TSA 证书", "TSA certificate"),
    "issuer": ("签发者", "Issuer"),
    "validity": ("有效期", "Valid"),
    "root": ("根证书", "Root"),
    "root_fp": ("根证书 SHA-256 指纹", "Root SHA-256 fingerprint"),
    "not_proof_h": ("该版本的其他回执（不作为证据）", "Other receipts of this version (not proof)"),
    "folder_h": ("文件夹文件清单", "Files of the folder"),
    "folder_all": ("清单中的全部 {n} 个文件：", "All {n} files of the manifest:"),
    "folder_picked": ("作者选列的 {k} 个文件（清单共 {n} 个，完整清单见证据包 {f}）：",
                      "{k} files picked by the author (the manifest lists {n}; all of them are in {f}):"),
    "folder_picked_1": ("作者选列的 1 个文件（清单共 {n} 个，完整清单见证据包 {f}）：",
                        "1 file picked by the author (the manifest lists {n}; all of them are in {f}):"),
    "col_file": ("文件", "File"),
    "unknown": ("未知", "unknown"),
    "manifest_digest": ("被盖时间戳的是清单本身的 SHA-256：", "What was time-stamped is the manifest's own SHA-256:"),
    "hash_h": ("哈希值校验说明", "Hash check"),
    "algorithm": ("算法", "Algorithm"),
    "value": ("数值", "Value"),
    "commands": ("复核命令（在文件所在的文件夹中运行）：", "Commands to reproduce it (run them in the file's folder):"),
    "author_h": ("作者声明", "Author's declaration"),
    "verify_h": ("如何核验", "How to verify"),
    "checks": ("验证检查的内容", "What is checked"),
    "other_not_proof": ("作者账本中另有 {n} 张回执（尚未完成、失败或导出时无法验证）不作为证据，未列入。",
                        "{n} other receipts in the author's ledger (pending, failed, or not verifiable at export) "
                        "are not proof and are not listed."),
    "other_not_proof_1": ("作者账本中另有 1 张回执（尚未完成、失败或导出时无法验证）不作为证据，未列入。",
                          "1 other receipt in the author's ledger (pending, failed, or not verifiable at export) is "
                          "not proof and is not listed."),
    "steps": (
        ["解压证据包，在解压后的文件夹中打开终端。",
         "核对 certs/ 里根证书的 SHA-256 指纹与 TSA 公布的指纹一致（VERIFY.zh.md 第 1 步）。",
         "用 sha256sum（Windows：certutil -hashfile）核对文件的摘要（第 2 步）。",
         "对每张回执运行 VERIFY.zh.md 中的 openssl ts -verify 命令，应输出 “Verification: OK”。例如：",
         "安装了 ProofKit 的人也可以运行：proofkit verify 证据包.zip"],
        ["Unzip the bundle and open a terminal in the unzipped folder.",
         "Compare the SHA-256 fingerprint of each root in certs/ with the one its TSA publishes (VERIFY.md, step 1).",
         "Check the files' digests with sha256sum (on Windows: certutil -hashfile) (step 2).",
         "Run the openssl ts -verify command given in VERIFY.md for each receipt; it must print "
         "\u201cVerification: OK\u201d. For example:",
         "With ProofKit installed: proofkit verify BUNDLE.zip"]),
    "page": ("第 {p} 页，共 {n} 页", "page {p} of {n}"),
    "cmp_h": ("模型比对", "Model comparison"),
    "cmp_sides": ("我的模型：{mine}；被比对的文件：{suspect}", "MINE: {mine}; SUSPECT: {suspect}"),
    "cmp_figs": ("相同的张量 {ident} 个（占被比对模型参数的 {ishare}）；估计我的模型所占份额 {share}；改名 {renamed} 个；元数据：{meta}",
                 "{ident} identical tensor(s) ({ishare} of SUSPECT's parameters); estimated share of MINE {share}; "
                 "{renamed} renamed; metadata: {meta}"),
    "pal_h": ("调色盘（文本比对）", "Palette (manuscript comparison)"),
    "pal_sides": ("我的作品：{mine}；被比对的文本：{suspect}（SHA-256 {sha}）", "MINE: {mine}; SUSPECT: {suspect} (SHA-256 {sha})"),
    "pal_figs": ("事件 {events} 个（逐字相同 {ident} 个，改写 {rw} 个）；雷同字数 {chars}；对方文本逐字相同的比例 {cov}；最长段落 {longest} 字",
                 "{events} 事件 ({ident} identical, {rw} rewritten); {chars} identical characters (雷同字数); "
                 "{cov} of SUSPECT identical; longest passage {longest} characters"),
    "pal_note": ("完整的调色盘（两栏对照，每个事件及其最早的存证版本与时间）见本证据包中的 palette.pdf 和 palette.html，逐条数据见 comparison.json。",
                 "The whole palette (two columns, each 事件 with the earliest stamped version that contained it and its "
                 "times) is in this bundle as palette.pdf and palette.html; every figure is in comparison.json."),
    "cmp_note": ("比对依据上文已盖时间戳的模型指纹（originals/ 中的 .fingerprint.json）；全部数字见 comparison.json。"
                 "下面一段是英文原文说明。",
                 "The comparison uses the stamped model fingerprint above (the .fingerprint.json in originals/); "
                 "every figure is in comparison.json."),
}

VERDICTS = {
    "same_file": ("同一文件", "Same file"),
    "same_weights": ("权重相同（重新编码）", "Same weights, re-encoded"),
    "derived": ("由我的模型派生", "Derived from MINE"),
    "no_evidence": ("未发现派生证据", "No evidence of derivation"),
    "picture_names_mine": ("图片注明使用了我的模型", "The picture names MINE"),
    "picture_names_other": ("图片注明的是其他模型", "The picture names another model"),
    "picture_names_nothing": ("图片未注明模型", "The picture names no model"),
}


def text_pair(key: str, lang: str, **fmt) -> tuple:
    """``TEXT[key]`` formatted with ``fmt``, ``lang`` ("zh" or "en") first."""
    zh, en = TEXT[key]
    if fmt:
        zh, en = zh.format(**fmt), en.format(**fmt)
    return (zh, en) if lang == "zh" else (en, zh)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(c: Collected, lang: str) -> tuple[str, str]:
    """How many versions, receipts and TSAs the bundle holds, ``lang`` first."""
    tsas = len({(r.row.tsa_name, r.row.url) for r in c.receipts})
    zh = f"{len(c.versions)} 个版本，{len(c.receipts)} 张时间戳回执，来自 {tsas} 家时间戳机构（TSA）"
    en = (f"{_plural(len(c.versions), 'version', 'versions')}, "
          f"{_plural(len(c.receipts), 'time-stamp receipt', 'time-stamp receipts')} from "
          f"{_plural(tsas, 'time-stamping authority (TSA)', 'time-stamping authorities (TSAs)')}")
    return (zh, en) if lang == "zh" else (en, zh)


#: The core's verdict sentences (``proofkit.core.models.compare.SENTENCES``) in Chinese, with
#: the same {placeholders}; filled in by the core's ``explain``. The English follows each.
ZH_SENTENCES = {
    "same_file": "对方的文件就是我的模型文件本身（SHA-256 相同）。这表明两者的字节完全一致；谁先做出它，要看我的模型的时间戳。",
    "same_weights": ("权重相同，只是重新编码：对方模型的 {tensors} 个张量中有 {identical} 个与我的模型相同（{how}），"
                     "占其参数的 {share}{tail}。相同的权重不可能偶然出现；但这并不说明是谁训练了它们——这要由我的模型的"
                     "时间戳（早于对方发布的时间）来证明。"),
    "same_weights_lora": ("同一个 LoRA，只是重新编码：对方的 {modules} 个模块中有 {same} 个对权重的改变与我的模型相同"
                          "（实际改变量相同；分解因子被缩放或改名：{renamed} 个名称被改）{tail}。这并不说明是谁训练了它；"
                          "哪一个先存在，要看我的模型的时间戳。"),
    "derived": ("由我的模型派生：估计我的模型所占比例为 {share}，所依据的张量覆盖对方模型参数的 {coverage}"
                "（{identical} 个张量完全相同）{tail}。这个比例是根据抽样数值得出的估计，不是对方模型如何制作的确切证明。"),
    "derived_no_base": "未提供基础模型（--base）时，与我的模型出自同一基础模型的微调模型也会得分很高；请提供基础模型，以区分派生与共同祖先。",
    "no_evidence": ("没有发现对方模型派生自我的模型的证据：估计我的模型所占比例为 {share}，相同张量 {identical} 个{tail}。"
                    "这并不证明两者无关：经过大量再训练的副本可能失去本比对所寻找的痕迹。"),
    "picture_names_mine": ("图片注明使用了我的模型：其中的 {where} {value} 与我的模型的 {equals} 一致。这只说明图片文字中写了"
                           "什么（由保存图片的人写入），并不证明图片确实是用我的模型生成的。"),
    "picture_names_other": "图片注明了一个模型，但不是我的模型（其中没有一个哈希值与我的模型的 AutoV2、A1111 LoRA 哈希或声明的哈希一致）。",
    "picture_names_nothing": "图片中没有模型哈希{files}；它没有提供任何可以核对我的模型的信息。",
}
ZH_HOW = {"bytes": "{n} 个逐字节相同", "fp16": "{n} 个在舍入到 fp16 后相同", "bf16": "{n} 个在舍入到 bf16 后相同"}
ZH_TAIL = {"renamed": "{n} 个名称被改", "metadata": "元数据{n}", "missing": "我的模型中有 {n} 个张量缺失（被裁剪？）"}
ZH_WORDS = {"none": "无", "sep": "，", "tail_sep": "；", "files": "（其中写有文件名：{files}）"}
ZH_METADATA = {"removed": "已删除", "changed": "已改动"}


def zh_sentence(report: dict) -> str | None:
    """The verdict's sentence in Chinese, or None for a report without an explanation (older)."""
    from ..core.models.compare import explain

    expl = report.get("explanation")
    if not isinstance(expl, dict) or expl.get("key") not in ZH_SENTENCES:
        return None
    args = dict(expl.get("args") or {})
    if args.get("tail"):
        args["tail"] = [[k, ZH_METADATA.get(n, n) if k == "metadata" else n] for k, n in args["tail"]]
    return explain({"key": expl["key"], "args": args}, ZH_SENTENCES, ZH_HOW, ZH_TAIL, **ZH_WORDS)

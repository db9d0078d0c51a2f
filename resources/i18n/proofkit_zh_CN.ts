<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About ProofKit</source>
        <translation>关于 ProofKit</translation>
    </message>
    <message>
        <source>Proves that a file existed at a given time, with RFC 3161 time stamps from several independent authorities.</source>
        <translation>借助多家独立机构的 RFC 3161 时间戳，证明某个文件在某一时间已经存在。</translation>
    </message>
    <message>
        <source>Licences of the third-party software in this build:</source>
        <translation>本版本所含第三方软件的许可证：</translation>
    </message>
    <message>
        <source>Main components and their licences</source>
        <translation>主要组件及其许可证</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Checks</name>
    <message>
        <source>Authority&apos;s answer</source>
        <translation>机构的答复</translation>
    </message>
    <message>
        <source>Time-stamp format</source>
        <translation>时间戳格式</translation>
    </message>
    <message>
        <source>Signed content type</source>
        <translation>签名内容类型</translation>
    </message>
    <message>
        <source>Signed content intact</source>
        <translation>签名内容完整</translation>
    </message>
    <message>
        <source>Signer&apos;s certificate</source>
        <translation>签名者证书</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Certificate named by the signature</source>
        <translation>签名指定的证书</translation>
    </message>
    <message>
        <source>Time-stamping certificate</source>
        <translation>时间戳证书</translation>
    </message>
    <message>
        <source>Chain of trust</source>
        <translation>信任链</translation>
    </message>
    <message>
        <source>File fingerprint</source>
        <translation>文件指纹</translation>
    </message>
    <message>
        <source>Fresh answer</source>
        <translation>答复的新鲜度</translation>
    </message>
    <message>
        <source>Time of the stamp</source>
        <translation>盖戳时间</translation>
    </message>
    <message>
        <source>Listed in the folder manifest</source>
        <translation>列于文件夹清单中</translation>
    </message>
    <message>
        <source>Folder manifest</source>
        <translation>文件夹清单</translation>
    </message>
    <message>
        <source>Original file</source>
        <translation>原文件</translation>
    </message>
    <message>
        <source>Your file</source>
        <translation>你的文件</translation>
    </message>
    <message>
        <source>Time-stamp file</source>
        <translation>时间戳文件</translation>
    </message>
    <message>
        <source>Time stated by the bundle</source>
        <translation>证据包声明的时间</translation>
    </message>
    <message>
        <source>Renewal (evidence record)</source>
        <translation>续期（证据记录）</translation>
    </message>
    <message>
        <source>The authority accepted the request and sent a time stamp.</source>
        <translation>机构接受了申请，并发回了时间戳。</translation>
    </message>
    <message>
        <source>The answer is a well-formed, signed time stamp.</source>
        <translation>答复是格式正确、带签名的时间戳。</translation>
    </message>
    <message>
        <source>The signature says it covers a time stamp, as it must.</source>
        <translation>签名声明其所签内容是时间戳，符合要求。</translation>
    </message>
    <message>
        <source>The time-stamp content is exactly what the authority signed.</source>
        <translation>时间戳内容与机构签名时的内容完全一致。</translation>
    </message>
    <message>
        <source>The certificate of the authority that signed was found.</source>
        <translation>已找到签名机构的证书。</translation>
    </message>
    <message>
        <source>The authority&apos;s signature is valid: the time stamp is intact.</source>
        <translation>机构的签名有效：时间戳完好无损。</translation>
    </message>
    <message>
        <source>The signature names exactly this certificate.</source>
        <translation>签名明确指定的正是这张证书。</translation>
    </message>
    <message>
        <source>The certificate is one meant for time-stamping only.</source>
        <translation>这张证书专用于时间戳。</translation>
    </message>
    <message>
        <source>The certificate leads to a root this computer trusts and was valid at the stamped time.</source>
        <translation>证书可追溯到本机信任的根证书，且在盖戳时间有效。</translation>
    </message>
    <message>
        <source>The time stamp is for exactly this content.</source>
        <translation>时间戳针对的正是这份内容。</translation>
    </message>
    <message>
        <source>The answer carries the random number ProofKit sent: it is fresh, not replayed.</source>
        <translation>答复带有 ProofKit 发出的随机数：是新的答复，不是重放的旧答复。</translation>
    </message>
    <message>
        <source>The authority&apos;s clock agrees with this computer&apos;s.</source>
        <translation>机构的时钟与本机一致。</translation>
    </message>
    <message>
        <source>The file is listed in the stamped folder manifest.</source>
        <translation>该文件列在已盖戳的文件夹清单中。</translation>
    </message>
    <message>
        <source>The folder manifest in the bundle is the one that was stamped.</source>
        <translation>证据包中的文件夹清单正是盖戳时的那份。</translation>
    </message>
    <message>
        <source>The original in the bundle is exactly the stamped file.</source>
        <translation>证据包中的原文件与盖戳的文件完全一致。</translation>
    </message>
    <message>
        <source>Your file is exactly the stamped content.</source>
        <translation>你的文件与盖戳的内容完全一致。</translation>
    </message>
    <message>
        <source>The time-stamp file in the bundle is the one verified.</source>
        <translation>证据包中的时间戳文件正是所核验的那份。</translation>
    </message>
    <message>
        <source>The time the bundle states is the time stamp&apos;s own.</source>
        <translation>证据包声明的时间与时间戳本身的时间一致。</translation>
    </message>
    <message>
        <source>The time stamp was stamped again in time, before its authority&apos;s certificate expired.</source>
        <translation>在签发机构的证书过期之前，这个时间戳已被及时再次盖章。</translation>
    </message>
    <message>
        <source>The authority refused the request or sent no time stamp.</source>
        <translation>机构拒绝了申请，或没有发回时间戳。</translation>
    </message>
    <message>
        <source>The answer is not a well-formed time stamp (damaged, or something else).</source>
        <translation>答复不是格式正确的时间戳（已损坏，或是别的东西）。</translation>
    </message>
    <message>
        <source>The signature does not say it covers a time stamp.</source>
        <translation>签名没有声明其所签内容是时间戳。</translation>
    </message>
    <message>
        <source>The time-stamp content differs from what the authority signed.</source>
        <translation>时间戳内容与机构签名时的内容不一致。</translation>
    </message>
    <message>
        <source>The certificate of the authority that signed is missing.</source>
        <translation>缺少签名机构的证书。</translation>
    </message>
    <message>
        <source>The signature does not match: the time stamp was damaged or forged.</source>
        <translation>签名不匹配：时间戳已损坏或被伪造。</translation>
    </message>
    <message>
        <source>The signature does not name this certificate.</source>
        <translation>签名指定的不是这张证书。</translation>
    </message>
    <message>
        <source>The certificate is not a proper time-stamping certificate.</source>
        <translation>这张证书不是合格的时间戳证书。</translation>
    </message>
    <message>
        <source>The certificate does not lead to a root this computer trusts, or was not valid at the stamped time.</source>
        <translation>证书无法追溯到本机信任的根证书，或在盖戳时间无效。</translation>
    </message>
    <message>
        <source>The time stamp is for different content (or uses a digest too weak to count).</source>
        <translation>时间戳针对的是别的内容（或所用摘要算法太弱，不能作数）。</translation>
    </message>
    <message>
        <source>The answer lacks the random number ProofKit sent: it may be old or replayed.</source>
        <translation>答复没有带 ProofKit 发出的随机数：可能是旧的或被重放的答复。</translation>
    </message>
    <message>
        <source>The authority dated the stamp far from when it was asked: its clock is wrong, so the stamp is not kept as proof.</source>
        <translation>机构给出的时间与请求时间相差太远：它的时钟有误，此时间戳不作为证明保存。</translation>
    </message>
    <message>
        <source>The stamped folder manifest does not list this file.</source>
        <translation>已盖戳的文件夹清单中没有这个文件。</translation>
    </message>
    <message>
        <source>The folder manifest is missing, or is not the one that was stamped.</source>
        <translation>文件夹清单缺失，或不是盖戳时的那份。</translation>
    </message>
    <message>
        <source>The original is missing from the bundle or differs from the stamped file.</source>
        <translation>证据包中缺少原文件，或原文件与盖戳的文件不一致。</translation>
    </message>
    <message>
        <source>Your file does not match the stamped content.</source>
        <translation>你的文件与盖戳的内容不一致。</translation>
    </message>
    <message>
        <source>A time-stamp file is missing from the bundle or does not match.</source>
        <translation>证据包中缺少时间戳文件，或时间戳文件不匹配。</translation>
    </message>
    <message>
        <source>The time the bundle states differs from the time stamp&apos;s own.</source>
        <translation>证据包声明的时间与时间戳本身的时间不一致。</translation>
    </message>
    <message>
        <source>No renewal of this time stamp holds (missing, changed, or made too late).</source>
        <translation>这个时间戳没有有效的续期（缺失、被改动，或续期太晚）。</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>Choose files…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Choose files</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>A file or folder could not be used: %1</source>
        <translation>无法使用该文件或文件夹：%1</translation>
    </message>
    <message>
        <source>Check that it exists and that you may read it, then try again.</source>
        <translation>请确认它存在且你有权读取，然后重试。</translation>
    </message>
    <message>
        <source>Something unexpected went wrong (%1).</source>
        <translation>出现了意外错误（%1）。</translation>
    </message>
    <message>
        <source>Nothing in your ledger was lost. Please copy the details below and send them to the ProofKit developers.</source>
        <translation>你的账本没有任何损失。请复制下面的详细信息，发送给 ProofKit 开发者。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>隐藏详细信息</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>显示详细信息</translation>
    </message>
    <message>
        <source>ProofKit</source>
        <translation>ProofKit</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export evidence</source>
        <translation>导出证据</translation>
    </message>
    <message>
        <source>An evidence bundle is one .zip file with the time stamps, the certificates and a report anyone can check without ProofKit.</source>
        <translation>证据包是一个 .zip 文件，内含时间戳、证书和一份报告，任何人无需 ProofKit 也能核验。</translation>
    </message>
    <message>
        <source>&amp;Work:</source>
        <translation>作品(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>版本(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Include the original files</source>
        <translation>包含原始文件(&amp;I)</translation>
    </message>
    <message>
        <source>With the originals, anyone can check the bundle alone; without them, the bundle holds only fingerprints, so you can share it without revealing your work.</source>
        <translation>包含原文件时，任何人仅凭证据包即可核验；不包含时，证据包只有指纹，你可以分享它而不泄露作品内容。</translation>
    </message>
    <message>
        <source>Report &amp;language:</source>
        <translation>报告语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Save &amp;as:</source>
        <translation>保存为(&amp;A)：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>Nothing to export yet: stamp a file first.</source>
        <translation>还没有可导出的内容：请先给文件盖时间戳。</translation>
    </message>
    <message>
        <source>All versions of this work</source>
        <translation>该作品的全部版本</translation>
    </message>
    <message>
        <source>Save the evidence bundle</source>
        <translation>保存证据包</translation>
    </message>
    <message>
        <source>Evidence bundle (*.zip)</source>
        <translation>证据包 (*.zip)</translation>
    </message>
    <message>
        <source>Choose where to save the bundle.</source>
        <translation>请选择证据包的保存位置。</translation>
    </message>
    <message>
        <source>%1 already exists; choose another name.</source>
        <translation>%1 已存在，请换一个文件名。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Saved: %1 — %2 version(s), %3 verified time stamp(s).</source>
        <translation>已保存：%1——%2 个版本，%3 个已验证的时间戳。</translation>
    </message>
    <message>
        <source>%1 receipt(s) were left out because they are not proof (pending or failed).</source>
        <translation>有 %1 条凭证未收入，因为它们不构成证明（待完成或失败）。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>Search by file name, work or fingerprint (SHA-256)…</source>
        <translation>按文件名、作品名或指纹（SHA-256）搜索…</translation>
    </message>
    <message>
        <source>Search the ledger</source>
        <translation>搜索账本</translation>
    </message>
    <message>
        <source>&amp;Export evidence…</source>
        <translation>导出证据(&amp;E)…</translation>
    </message>
    <message>
        <source>Works</source>
        <translation>作品</translation>
    </message>
    <message>
        <source>Versions (newest first)</source>
        <translation>版本（最新在前）</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>凭证</translation>
    </message>
    <message>
        <source>All works</source>
        <translation>全部作品</translation>
    </message>
    <message>
        <source>%1 receipts, %2 verified</source>
        <translation>共 %1 条凭证，%2 条已验证</translation>
    </message>
    <message>
        <source>%1 pending (retried automatically)</source>
        <translation>%1 条待完成（会自动重试）</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>%1/%2 verified</source>
        <translation>%1/%2 已验证</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>&amp;Stamp</source>
        <translation>盖时间戳(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Ledger</source>
        <translation>账本(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>验证(&amp;V)</translation>
    </message>
    <message>
        <source>Completing pending stamps…</source>
        <translation>正在完成待处理的时间戳…</translation>
    </message>
    <message>
        <source>The ledger could not be opened</source>
        <translation>无法打开账本</translation>
    </message>
    <message>
        <source>Your ledger has never been backed up. It is the only copy of your receipts: keep a backup on another disk or cloud folder.</source>
        <translation>你的账本从未备份过。它是你凭证的唯一副本：请在另一块硬盘或云端文件夹保存一份备份。</translation>
    </message>
    <message>
        <source>Your ledger was last backed up %1 days ago. Make a fresh copy on another disk or cloud folder.</source>
        <translation>你的账本上次备份是在 %1 天前。请在另一块硬盘或云端文件夹重新备份一份。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Stamp &amp;files…</source>
        <translation>给文件盖戳(&amp;F)…</translation>
    </message>
    <message>
        <source>Stamp a f&amp;older…</source>
        <translation>给文件夹盖戳(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Verify a file…</source>
        <translation>验证文件(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Export evidence…</source>
        <translation>导出证据(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Complete pending stamps now</source>
        <translation>立即完成待处理的时间戳(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;heck the ledger for tampering</source>
        <translation>检查账本是否被篡改(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Back up the ledger…</source>
        <translation>备份账本(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Welcome</source>
        <translation>欢迎页(&amp;W)</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;About ProofKit</source>
        <translation>关于 ProofKit(&amp;A)</translation>
    </message>
    <message>
        <source>%1 pending stamp(s) retried, %2 now verified.</source>
        <translation>已重试 %1 条待完成的时间戳，其中 %2 条现已验证。</translation>
    </message>
    <message>
        <source>Checking the ledger…</source>
        <translation>正在检查账本…</translation>
    </message>
    <message>
        <source>Ledger intact</source>
        <translation>账本完好</translation>
    </message>
    <message>
        <source>Every entry of the ledger is chained and unchanged.</source>
        <translation>账本中的每一条记录都环环相扣，未被改动。</translation>
    </message>
    <message>
        <source>The ledger was changed outside ProofKit</source>
        <translation>账本在 ProofKit 之外被改动过</translation>
    </message>
    <message>
        <source>%1 problem(s) found. Your receipts&apos; tokens can still be verified one by one; keep a backup of this file as it is.</source>
        <translation>发现 %1 处问题。各条凭证中的时间戳仍可逐一验证；请原样保留此文件的备份。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Back up the ledger</source>
        <translation>备份账本</translation>
    </message>
    <message>
        <source>Ledger (*.sqlite3)</source>
        <translation>账本 (*.sqlite3)</translation>
    </message>
    <message>
        <source>Ledger backed up to %1</source>
        <translation>账本已备份到 %1</translation>
    </message>
    <message>
        <source>ProofKit is still working</source>
        <translation>ProofKit 仍在工作</translation>
    </message>
    <message>
        <source>ProofKit is still working on: %1.

Quit anyway? Hashing stops and nothing half-done is kept; stamps already requested stay pending and are completed next time.</source>
        <translation>ProofKit 仍在处理：%1。

仍要退出吗？指纹计算会停止，不会保留半途的结果；已申请的时间戳保持待完成，下次启动时会完成。</translation>
    </message>
    <message>
        <source>&amp;Keep working</source>
        <translation>继续工作(&amp;K)</translation>
    </message>
</context>
<context>
    <name>ReceiptDetails</name>
    <message>
        <source>Select a receipt to see its details.</source>
        <translation>选择一条凭证以查看详情。</translation>
    </message>
    <message>
        <source>✔ Verified</source>
        <translation>✔ 已验证</translation>
    </message>
    <message>
        <source>✖ Not valid</source>
        <translation>✖ 无效</translation>
    </message>
    <message>
        <source>… Pending: not proof yet</source>
        <translation>… 待完成：尚未构成证明</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>作品</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Authority (TSA)</source>
        <translation>时间戳机构（TSA）</translation>
    </message>
    <message>
        <source>Time stamped (local)</source>
        <translation>时间戳时间（本地）</translation>
    </message>
    <message>
        <source>Time stamped (UTC)</source>
        <translation>时间戳时间（UTC）</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Trusted root</source>
        <translation>信任根</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Certificate chain</source>
        <translation>证书链</translation>
    </message>
    <message>
        <source>Checking the token…</source>
        <translation>正在核验时间戳…</translation>
    </message>
    <message>
        <source>No token yet.</source>
        <translation>尚无时间戳。</translation>
    </message>
    <message>
        <source>No chain could be built.</source>
        <translation>无法构建证书链。</translation>
    </message>
    <message>
        <source>issued by %1, valid %2 to %3</source>
        <translation>签发者 %1，有效期 %2 至 %3</translation>
    </message>
    <message>
        <source>Verification checks</source>
        <translation>验证检查项</translation>
    </message>
    <message>
        <source>(checked %1)</source>
        <translation>（检查于 %1）</translation>
    </message>
    <message>
        <source>None yet.</source>
        <translation>暂无。</translation>
    </message>
</context>
<context>
    <name>ReceiptTableModel</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>作品</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>✔ verified</source>
        <translation>✔ 已验证</translation>
    </message>
    <message>
        <source>✖ failed</source>
        <translation>✖ 失败</translation>
    </message>
    <message>
        <source>… pending</source>
        <translation>… 待完成</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Time-stamping authorities to ask</source>
        <translation>要申请的时间戳机构</translation>
    </message>
    <message>
        <source>Each one signs the time it saw your file&apos;s fingerprint. Two or more, in different countries, make the proof stronger.</source>
        <translation>每家机构都会签署它看到你文件指纹的时间。选择两家或以上、分属不同国家的机构，证明更有力。</translation>
    </message>
    <message>
        <source>Time-stamping authorities</source>
        <translation>时间戳机构</translation>
    </message>
    <message>
        <source>Custom: %1</source>
        <translation>自定义：%1</translation>
    </message>
    <message>
        <source>Custom TSA address</source>
        <translation>自定义时间戳机构地址</translation>
    </message>
    <message>
        <source>&amp;Add custom TSA</source>
        <translation>添加自定义机构(&amp;A)</translation>
    </message>
    <message>
        <source>Extra trusted root certificates</source>
        <translation>额外信任的根证书</translation>
    </message>
    <message>
        <source>Only needed for a private or company TSA whose root is not already known.</source>
        <translation>仅在使用根证书尚未收录的私有或公司时间戳机构时才需要。</translation>
    </message>
    <message>
        <source>Add &amp;certificate…</source>
        <translation>添加证书(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Data folder (ledger):</source>
        <translation>数据文件夹（账本）(&amp;D)：</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Remind me to back up after:</source>
        <translation>多久未备份时提醒我：</translation>
    </message>
    <message>
        <source>A new language or data folder takes effect when ProofKit restarts.</source>
        <translation>新的语言或数据文件夹将在 ProofKit 重新启动后生效。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Give the TSA&apos;s address, starting with http:// or https://.</source>
        <translation>请填写时间戳机构的地址，以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <source>Choose root certificates</source>
        <translation>选择根证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>证书 (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <source>Choose at least one time-stamping authority.</source>
        <translation>请至少选择一个时间戳机构。</translation>
    </message>
</context>
<context>
    <name>StampJobCard</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Work: %1</source>
        <translation>作品：%1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop hashing this item; nothing is stamped.</source>
        <translation>停止计算此项的指纹；不会盖任何时间戳。</translation>
    </message>
    <message>
        <source>Computing the fingerprint…</source>
        <translation>正在计算指纹…</translation>
    </message>
    <message>
        <source>Fingerprinting: %1 of %2</source>
        <translation>正在计算指纹：%1 / %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>还剩 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) fingerprinted into one manifest; asking the time-stamping authorities…</source>
        <translation>
            <numerusform>已为 %n 个文件计算指纹并合成一份清单；正在向时间戳机构申请…</numerusform>
        </translation>
    </message>
    <message>
        <source>Fingerprint (SHA-256): %1 — asking the time-stamping authorities…</source>
        <translation>指纹（SHA-256）：%1——正在向时间戳机构申请…</translation>
    </message>
    <message>
        <source>Stamped: %1 of %2 time stamps verified. Kept in your ledger.</source>
        <translation>已盖戳：%2 个时间戳中 %1 个已验证，已存入你的账本。</translation>
    </message>
    <message>
        <source>Not proof yet: no authority could be reached. The stamp waits and ProofKit retries by itself when you are online.</source>
        <translation>尚未构成证明：无法连接任何机构。时间戳会等待，联网后 ProofKit 会自动重试。</translation>
    </message>
    <message>
        <source>No authority gave a valid time stamp; nothing was kept as proof.</source>
        <translation>没有机构给出有效的时间戳；没有保存任何证明。</translation>
    </message>
    <message>
        <source>Cancelled: nothing was stamped.</source>
        <translation>已取消：没有盖任何时间戳。</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>requesting…</source>
        <translation>正在申请…</translation>
    </message>
    <message>
        <source>✔ verified at %1</source>
        <translation>✔ 已验证，时间 %1</translation>
    </message>
    <message>
        <source>pending, will retry: %1</source>
        <translation>待完成，将重试：%1</translation>
    </message>
    <message>
        <source>✖ failed: %1</source>
        <translation>✖ 失败：%1</translation>
    </message>
</context>
<context>
    <name>StampPage</name>
    <message>
        <source>&amp;Work these files belong to:</source>
        <translation>这些文件所属的作品(&amp;W)：</translation>
    </message>
    <message>
        <source>Automatic: named after each file or folder</source>
        <translation>自动：以各文件或文件夹的名称命名</translation>
    </message>
    <message>
        <source>Type a new title to create a work, or pick an existing one. Leave empty to name the work after each file.</source>
        <translation>输入新标题以创建作品，或选择已有作品。留空则以各文件名命名作品。</translation>
    </message>
    <message>
        <source>Drop files or folders here to stamp them</source>
        <translation>把文件或文件夹拖到这里盖时间戳</translation>
    </message>
    <message>
        <source>Manuscripts (.txt .docx .epub .pdf .md), models (.safetensors .ckpt .gguf .pt) — any file. A folder is stamped as one manifest of all its files.</source>
        <translation>书稿（.txt .docx .epub .pdf .md）、模型（.safetensors .ckpt .gguf .pt）——任何文件都可以。文件夹会把其中所有文件合成一份清单来盖戳。</translation>
    </message>
</context>
<context>
    <name>TSAErrors</name>
    <message>
        <source>The authority did not answer in time.</source>
        <translation>机构没有及时答复。</translation>
    </message>
    <message>
        <source>The authority refused the connection (it may be down).</source>
        <translation>机构拒绝了连接（可能暂时停止服务）。</translation>
    </message>
    <message>
        <source>The authority&apos;s address could not be found (no network?).</source>
        <translation>找不到机构的地址（没有联网？）。</translation>
    </message>
    <message>
        <source>The authority answered with an HTTP error (%1).</source>
        <translation>机构返回了 HTTP 错误（%1）。</translation>
    </message>
    <message>
        <source>The authority answered with a web page (%1), not a time stamp.</source>
        <translation>机构返回的是网页（%1），不是时间戳。</translation>
    </message>
    <message>
        <source>The secure connection to the authority failed (%1).</source>
        <translation>与机构的安全连接失败（%1）。</translation>
    </message>
    <message>
        <source>The authority could not be reached (%1).</source>
        <translation>无法连接到机构（%1）。</translation>
    </message>
    <message>
        <source>The connection to the authority broke off mid-answer (%1).</source>
        <translation>与机构的连接在答复中途断开（%1）。</translation>
    </message>
    <message>
        <source>The connection to the authority failed (%1).</source>
        <translation>与机构的连接失败（%1）。</translation>
    </message>
    <message>
        <source>The authority&apos;s address is not usable (%1).</source>
        <translation>机构的地址不可用（%1）。</translation>
    </message>
    <message>
        <source>The authority sent far more data than a time stamp; it was refused.</source>
        <translation>机构发来的数据远多于一个时间戳，已拒收。</translation>
    </message>
    <message>
        <source>The authority sent an empty answer.</source>
        <translation>机构发回了空的答复。</translation>
    </message>
    <message>
        <source>The authority&apos;s answer is not a time-stamp response (damaged or truncated).</source>
        <translation>机构的答复不是时间戳响应（已损坏或不完整）。</translation>
    </message>
    <message>
        <source>The authority refused to time-stamp (%1).</source>
        <translation>机构拒绝盖时间戳（%1）。</translation>
    </message>
    <message>
        <source>Not asked yet: %1</source>
        <translation>尚未申请：%1</translation>
    </message>
    <message>
        <source>Asking the authority failed unexpectedly; ProofKit will ask again.</source>
        <translation>向机构申请时出现意外错误；ProofKit 会再次申请。</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <source>Only a fingerprint of your file leaves this computer — never the file itself.</source>
        <translation>只有文件的指纹会离开这台电脑——文件本身永远不会。</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>Drop a file or an evidence bundle here to verify it</source>
        <translation>把文件或证据包拖到这里进行验证</translation>
    </message>
    <message>
        <source>ProofKit computes the file&apos;s fingerprint on this computer and looks for time stamps of exactly this file in your ledger. Drop a bundle together with a file to check that file against it.</source>
        <translation>ProofKit 在本机计算文件的指纹，并在你的账本中查找正是这个文件的时间戳。把证据包和某个文件一起拖进来，可以核对该文件与证据包是否一致。</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>正在检查 %1…</translation>
    </message>
    <message>
        <source>✔ This exact file was stamped on %1 by %2.</source>
        <translation>✔ 这个文件本身于 %1 由 %2 盖了时间戳。</translation>
    </message>
    <message>
        <source>… This exact file was stamped, but the time stamp is still pending: it is not proof yet.</source>
        <translation>… 这个文件本身盖过戳，但时间戳仍待完成：尚未构成证明。</translation>
    </message>
    <message>
        <source>✖ This file is in the ledger, but none of its time stamps is valid.</source>
        <translation>✖ 账本中有这个文件，但它的时间戳都无效。</translation>
    </message>
    <message>
        <source>This file was never stamped.</source>
        <translation>这个文件从未盖过时间戳。</translation>
    </message>
    <message>
        <source>Fingerprint (SHA-256):</source>
        <translation>指纹（SHA-256）：</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>作品</translation>
    </message>
    <message>
        <source>serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>pending — not proof yet; ProofKit retries by itself.</source>
        <translation>待完成——尚未构成证明；ProofKit 会自动重试。</translation>
    </message>
    <message>
        <source>Another version of this work is in your ledger: “%1” (%2), stamped %3. This file differs from it — it may have been edited since.</source>
        <translation>账本中有该作品的另一个版本：“%1”（%2），盖戳于 %3。此文件与之不同——可能之后被修改过。</translation>
    </message>
    <message>
        <source>✔ The evidence bundle %1 verifies.</source>
        <translation>✔ 证据包 %1 验证通过。</translation>
    </message>
    <message>
        <source>✖ The evidence bundle %1 does not verify.</source>
        <translation>✖ 证据包 %1 未通过验证。</translation>
    </message>
    <message>
        <source>Evidence for “%1” by %2, exported %3.</source>
        <translation>《%1》（%2）的证据，导出于 %3。</translation>
    </message>
    <message>
        <source>Evidence for “%1”, exported %3.</source>
        <translation>《%1》的证据，导出于 %3。</translation>
    </message>
    <message>
        <source>The bundle itself was altered or is incomplete:</source>
        <translation>证据包本身被改动过或不完整：</translation>
    </message>
    <message>
        <source>The bundle holds no time stamp.</source>
        <translation>证据包中没有任何时间戳。</translation>
    </message>
    <message>
        <source>is exactly the content stamped in this bundle.</source>
        <translation>与这个证据包中盖戳的内容完全一致。</translation>
    </message>
    <message>
        <source>matches no file in this bundle: its content is different.</source>
        <translation>与这个证据包中的任何文件都不一致：内容不同。</translation>
    </message>
    <message>
        <source>Trusted root</source>
        <translation>信任根</translation>
    </message>
    <message>
        <source>no valid time</source>
        <translation>没有有效时间</translation>
    </message>
    <message>
        <source>A root this computer does not trust is shown in the bundle&apos;s VERIFY.md with its fingerprint. If you have checked it and trust it, add it in Settings as an extra trusted root, then verify again.</source>
        <translation>本机不信任的根证书及其指纹列在证据包的 VERIFY.md 中。如果你已经核对并信任它，请在设置中把它添加为额外信任的根证书，然后重新核验。</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to ProofKit</source>
        <translation>欢迎使用 ProofKit</translation>
    </message>
    <message>
        <source>Prove your work existed — on this date.</source>
        <translation>证明你的作品在这一天就已存在。</translation>
    </message>
    <message>
        <source>Drop a manuscript, a chapter, a model or a whole folder. ProofKit computes its fingerprint (SHA-256) on this computer and asks independent time-stamping authorities to sign the time they saw it. The signed receipts stay in your ledger; an evidence bundle shows them to anyone, years later.</source>
        <translation>拖入一部书稿、一个章节、一个模型或整个文件夹。ProofKit 在本机计算它的指纹（SHA-256），并请多家独立的时间戳机构签署它们看到该指纹的时间。签名凭证保存在你的账本里；多年以后，也可以用证据包向任何人出示。</translation>
    </message>
    <message>
        <source>ProofKit will ask these authorities (change them in Settings):</source>
        <translation>ProofKit 将向以下机构申请时间戳（可在设置中更改）：</translation>
    </message>
    <message>
        <source>No internet right now? Stamp anyway: the request waits as pending and ProofKit completes it by itself when the network returns. A pending stamp is not proof yet.</source>
        <translation>现在没有网络？照样可以盖戳：申请会以“待完成”状态等待，网络恢复后 ProofKit 会自动完成。待完成的时间戳还不构成证明。</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
</context>
</TS>

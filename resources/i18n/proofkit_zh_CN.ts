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
    <name>CheckDetails</name>
    <message>
        <source>The TSA granted the request ({status}).</source>
        <translation>机构接受了请求（{status}）。</translation>
    </message>
    <message>
        <source>The TSA refused to time-stamp ({status}); this is not a time stamp.</source>
        <translation>机构拒绝盖时间戳（{status}）；这不是时间戳。</translation>
    </message>
    <message>
        <source>The TSA said yes but sent no token.</source>
        <translation>机构表示接受，却没有发回时间戳。</translation>
    </message>
    <message>
        <source>A signed time-stamp (CMS SignedData with one signer over a TSTInfo).</source>
        <translation>一份已签名的时间戳（CMS SignedData，一个签名者，内容为 TSTInfo）。</translation>
    </message>
    <message>
        <source>The token is damaged: part of it cannot be read ({error}).</source>
        <translation>时间戳已损坏：有一部分无法读取（{error}）。</translation>
    </message>
    <message>
        <source>The token is not a well-formed CMS SignedData ({error}).</source>
        <translation>时间戳不是格式正确的 CMS SignedData（{error}）。</translation>
    </message>
    <message>
        <source>The token has {count} signers; exactly one is required.</source>
        <translation>时间戳有 {count} 个签名者；必须恰好一个。</translation>
    </message>
    <message>
        <source>The signed content is not a time-stamp (TSTInfo).</source>
        <translation>签名的内容不是时间戳（TSTInfo）。</translation>
    </message>
    <message>
        <source>The token carries no time-stamp content.</source>
        <translation>时间戳里没有时间戳内容。</translation>
    </message>
    <message>
        <source>The time-stamp content (TSTInfo) is malformed ({error}).</source>
        <translation>时间戳内容（TSTInfo）格式有误（{error}）。</translation>
    </message>
    <message>
        <source>The signed content-type attribute says TSTInfo.</source>
        <translation>签名的内容类型属性标明为 TSTInfo。</translation>
    </message>
    <message>
        <source>The token has no signed attributes, so nothing binds the signature to the time.</source>
        <translation>时间戳没有签名属性，签名与时间之间没有任何绑定。</translation>
    </message>
    <message>
        <source>The signed attributes are malformed ({error}).</source>
        <translation>签名属性格式有误（{error}）。</translation>
    </message>
    <message>
        <source>The signed content-type attribute is missing or does not say TSTInfo.</source>
        <translation>签名的内容类型属性缺失，或未标明 TSTInfo。</translation>
    </message>
    <message>
        <source>The time-stamp content is the one that was signed ({alg}).</source>
        <translation>时间戳内容正是被签名的那份（{alg}）。</translation>
    </message>
    <message>
        <source>The token uses an unsupported digest algorithm ({alg}).</source>
        <translation>时间戳使用了不支持的摘要算法（{alg}）。</translation>
    </message>
    <message>
        <source>The signed message-digest attribute is missing.</source>
        <translation>缺少签名的消息摘要属性。</translation>
    </message>
    <message>
        <source>The time-stamp content was altered after signing (its digest does not match the signed one).</source>
        <translation>时间戳内容在签名后被改动过（其摘要与签名的摘要不符）。</translation>
    </message>
    <message>
        <source>Signed by “{subject}”.</source>
        <translation>签名者：“{subject}”。</translation>
    </message>
    <message>
        <source>The TSA&apos;s certificate is not in the token; add it with --certs FILE.pem.</source>
        <translation>时间戳中没有机构的证书；请用 --certs FILE.pem 提供。</translation>
    </message>
    <message>
        <source>The TSA&apos;s certificate is not in the token or the certificates given; add it with --certs FILE.pem.</source>
        <translation>时间戳和所给的证书中都没有机构的证书；请用 --certs FILE.pem 提供。</translation>
    </message>
    <message>
        <source>The TSA&apos;s signature is valid ({alg}, {digest}).</source>
        <translation>机构的签名有效（{alg}，{digest}）。</translation>
    </message>
    <message>
        <source>The signature does not match: the token was damaged or forged.</source>
        <translation>签名不符：时间戳已损坏或被伪造。</translation>
    </message>
    <message>
        <source>The token uses a signature algorithm ProofKit does not accept ({alg}).</source>
        <translation>时间戳使用了 ProofKit 不接受的签名算法（{alg}）。</translation>
    </message>
    <message>
        <source>The signature names exactly this TSA certificate ({how}).</source>
        <translation>签名指明的正是这张机构证书（{how}）。</translation>
    </message>
    <message>
        <source>The signature does not name the TSA certificate (no signing-certificate attribute).</source>
        <translation>签名没有指明机构证书（缺少签名证书属性）。</translation>
    </message>
    <message>
        <source>Unsupported hash in the signing-certificate attribute ({alg}).</source>
        <translation>签名证书属性中的哈希算法不受支持（{alg}）。</translation>
    </message>
    <message>
        <source>The signature names a different TSA certificate than the one found: a certificate was swapped.</source>
        <translation>签名指明的机构证书与找到的不同：证书被调换了。</translation>
    </message>
    <message>
        <source>The signing-certificate attribute names another serial number.</source>
        <translation>签名证书属性指明的是另一个序列号。</translation>
    </message>
    <message>
        <source>The signing-certificate attribute is malformed ({error}).</source>
        <translation>签名证书属性格式有误（{error}）。</translation>
    </message>
    <message>
        <source>A time-stamping certificate (critical EKU: timeStamping only; not a CA).</source>
        <translation>一张时间戳专用证书（关键扩展用途：仅限时间戳；不是 CA）。</translation>
    </message>
    <message>
        <source>The certificate is not a time-stamping certificate (it has no time-stamping purpose).</source>
        <translation>这不是时间戳证书（没有时间戳用途）。</translation>
    </message>
    <message>
        <source>The certificate&apos;s extensions are malformed ({error}).</source>
        <translation>证书的扩展格式有误（{error}）。</translation>
    </message>
    <message>
        <source>The certificate is not a time-stamping certificate (it lacks the time-stamping purpose).</source>
        <translation>这不是时间戳证书（缺少时间戳用途）。</translation>
    </message>
    <message>
        <source>The certificate allows other purposes besides time-stamping, which RFC 3161 forbids.</source>
        <translation>证书除时间戳外还允许其他用途，RFC 3161 禁止这样做。</translation>
    </message>
    <message>
        <source>The certificate&apos;s time-stamping purpose is not marked critical, as RFC 3161 requires.</source>
        <translation>证书的时间戳用途没有按 RFC 3161 的要求标为关键。</translation>
    </message>
    <message>
        <source>The signing certificate is a CA certificate, not a TSA&apos;s own certificate.</source>
        <translation>签名证书是 CA 证书，而不是机构自己的证书。</translation>
    </message>
    <message>
        <source>The certificate&apos;s key may not be used for signatures (key usage).</source>
        <translation>证书的密钥不允许用于签名（密钥用途）。</translation>
    </message>
    <message>
        <source>The TSA&apos;s certificate chains to the trusted root “{root}” ({source}), all valid on {when}.</source>
        <translation>机构的证书可追溯到受信任的根证书“{root}”（{source}），在 {when} 全部有效。</translation>
    </message>
    <message>
        <source>The TSA&apos;s certificate chains to the trusted root “{root}” ({source}), all valid on {when}. The certificate “{cert}” has expired since ({expired}); that is normal and does not weaken a time stamp made while it was valid.</source>
        <translation>机构的证书可追溯到受信任的根证书“{root}”（{source}），在 {when} 全部有效。证书“{cert}”此后已过期（{expired}）；这很正常，不影响在其有效期内所盖时间戳的效力。</translation>
    </message>
    <message>
        <source>The TSA&apos;s certificate was not valid at the time of the stamp ({when}): it is valid from {start} to {end}.</source>
        <translation>盖时间戳时（{when}）机构的证书并不有效：其有效期为 {start} 至 {end}。</translation>
    </message>
    <message>
        <source>The token carries too many candidate certificates to check.</source>
        <translation>时间戳附带的候选证书太多，无法逐一检查。</translation>
    </message>
    <message>
        <source>“{subject}” was not valid at the time of the stamp ({when}).</source>
        <translation>盖时间戳时（{when}）“{subject}”并不有效。</translation>
    </message>
    <message>
        <source>The TSA&apos;s certificate does not lead to any trusted root: this TSA is not trusted here. If you trust it, add its root with --trust FILE.pem.</source>
        <translation>机构的证书无法追溯到任何受信任的根证书：本机不信任这家机构。如果您信任它，请用 --trust FILE.pem 添加其根证书。</translation>
    </message>
    <message>
        <source>The time stamp is over a SHA-1 digest, which is too weak to identify a file; it is refused.</source>
        <translation>该时间戳针对的是 SHA-1 摘要，强度太弱，不足以确定文件；予以拒绝。</translation>
    </message>
    <message>
        <source>The time stamp uses an unsupported digest algorithm ({alg}).</source>
        <translation>该时间戳使用了不支持的摘要算法（{alg}）。</translation>
    </message>
    <message>
        <source>The time stamp is over a {alg} digest, but a {given} digest was given.</source>
        <translation>该时间戳针对的是 {alg} 摘要，但提供的是 {given} 摘要。</translation>
    </message>
    <message>
        <source>No file or digest was given to compare with the time stamp.</source>
        <translation>没有提供可与时间戳比对的文件或摘要。</translation>
    </message>
    <message>
        <source>The time stamp is for a different file: the file does not match the stamped {alg} digest.</source>
        <translation>该时间戳属于另一个文件：此文件与盖戳的 {alg} 摘要不符。</translation>
    </message>
    <message>
        <source>The time stamp is for a different file: the digest given does not match the stamped {alg} digest.</source>
        <translation>该时间戳属于另一个文件：所给摘要与盖戳的 {alg} 摘要不符。</translation>
    </message>
    <message>
        <source>The time stamp is for exactly this content ({alg} {digest}).</source>
        <translation>该时间戳针对的正是这份内容（{alg} {digest}）。</translation>
    </message>
    <message>
        <source>The answer carries the nonce we sent (it is fresh, not replayed).</source>
        <translation>答复带有我们发出的随机数（是新的答复，不是重放）。</translation>
    </message>
    <message>
        <source>The answer does not carry the nonce we sent: it is an old or replayed answer.</source>
        <translation>答复没有带我们发出的随机数：这是旧的或重放的答复。</translation>
    </message>
    <message>
        <source>The TSA dated this fresh stamp {stamped} UTC, but it was asked at {asked} UTC: its clock is wrong, so the stamp is not kept as proof.</source>
        <translation>机构给这次新盖的时间戳标注的时间是 {stamped} UTC，但请求发出于 {asked} UTC：其时钟有误，因此该时间戳不作为证明保留。</translation>
    </message>
    <message>
        <source>Dated when it was asked ({asked} UTC), within the tolerated clock difference.</source>
        <translation>所标时间与请求时间（{asked} UTC）一致，在允许的时钟误差之内。</translation>
    </message>
    <message>
        <source>The TSA dated this stamp {stamped}, later than now ({now}): a genuine TSA cannot do that, so its clock (or this computer&apos;s) is wrong; the stamp is not proof.</source>
        <translation>机构给这个时间戳标注的时间是 {stamped}，晚于现在（{now}）：真正的机构不可能这样，说明它的时钟（或本机的时钟）有误；该时间戳不构成证明。</translation>
    </message>
    <message>
        <source>The TSA dated this stamp {stamped} UTC, but it was asked at {asked} UTC: its clock is wrong, so the stamp is not proof.</source>
        <translation>机构给这个时间戳标注的时间是 {stamped} UTC，但请求发出于 {asked} UTC：其时钟有误，因此该时间戳不构成证明。</translation>
    </message>
    <message>
        <source>The TSA has not answered yet: this is not a time stamp yet.</source>
        <translation>机构尚未答复：这还不是时间戳。</translation>
    </message>
    <message>
        <source>The time-stamp content (TSTInfo) is not DER ({error}); what is signed must be.</source>
        <translation>时间戳内容（TSTInfo）不是 DER 编码（{error}）；被签名的内容必须是。</translation>
    </message>
    <message>
        <source>The signed attributes are not DER ({error}), as RFC 5652 requires of what is signed.</source>
        <translation>签名属性不是 DER 编码（{error}），而 RFC 5652 要求被签名的内容必须是。</translation>
    </message>
    <message>
        <source>The token carries more than one signing-certificate attribute of a kind; which certificate it names is ambiguous.</source>
        <translation>时间戳带有不止一个同类签名证书属性；它指明的是哪张证书并不明确。</translation>
    </message>
    <message>
        <source>The signature names a different TSA certificate than the one found ({how}): a certificate was swapped.</source>
        <translation>签名指明的机构证书与找到的不同（{how}）：证书被调换了。</translation>
    </message>
    <message>
        <source>The signing-certificate attribute ({how}) names another serial number.</source>
        <translation>签名证书属性（{how}）指明的是另一个序列号。</translation>
    </message>
    <message>
        <source>The signing-certificate attribute ({how}) names another issuer than the certificate&apos;s.</source>
        <translation>签名证书属性（{how}）指明的签发者与证书的不同。</translation>
    </message>
    <message>
        <source>The certificate carries a critical extension ProofKit does not understand ({oid}).</source>
        <translation>证书带有 ProofKit 无法理解的关键扩展（{oid}）。</translation>
    </message>
    <message>
        <source>The stamped {alg} digest has {got} bytes; a {alg} digest has {size}: the time stamp is malformed.</source>
        <translation>盖戳的 {alg} 摘要有 {got} 字节，而 {alg} 摘要应有 {size} 字节：时间戳格式有误。</translation>
    </message>
    <message>
        <source>No evidence record holds: {reason}</source>
        <translation>没有一份证据记录成立：{reason}</translation>
    </message>
    <message>
        <source>{name} missing from the bundle.</source>
        <translation>证据包中缺少 {name}。</translation>
    </message>
    <message>
        <source>Renewed in time (RFC 4998): {chain}.</source>
        <translation>已及时续期（RFC 4998）：{chain}。</translation>
    </message>
    <message>
        <source>the TSA&apos;s certificate expired on {date}</source>
        <translation>TSA 的证书已于 {date} 过期</translation>
    </message>
    <message>
        <source>its hash algorithm ({alg}) is retired since {date}</source>
        <translation>其哈希算法（{alg}）自 {date} 起已停用</translation>
    </message>
    <message>
        <source>its hash algorithm ({alg}) is retired</source>
        <translation>其哈希算法（{alg}）已停用</translation>
    </message>
    <message>
        <source>The file is listed as “{name}” in the stamped folder manifest of “{folder}” (version {version}).</source>
        <translation>该文件以“{name}”列在“{folder}”已盖戳的文件夹清单中（版本 {version}）。</translation>
    </message>
    <message>
        <source>The manifest does not list this file.</source>
        <translation>清单中没有列出此文件。</translation>
    </message>
    <message>
        <source>The folder manifest {name} is missing.</source>
        <translation>缺少文件夹清单 {name}。</translation>
    </message>
    <message>
        <source>{name} is the stamped folder manifest.</source>
        <translation>{name} 正是已盖戳的文件夹清单。</translation>
    </message>
    <message>
        <source>{name} is not the manifest that was stamped.</source>
        <translation>{name} 不是已盖戳的那份清单。</translation>
    </message>
    <message>
        <source>{name} is listed but missing from the zip.</source>
        <translation>{name} 已列出，但压缩包中没有。</translation>
    </message>
    <message>
        <source>{name} is exactly the stamped file.</source>
        <translation>{name} 正是已盖戳的文件。</translation>
    </message>
    <message>
        <source>{name} is NOT the stamped file.</source>
        <translation>{name} 不是已盖戳的文件。</translation>
    </message>
    <message>
        <source>The file {name} is exactly the stamped content.</source>
        <translation>文件 {name} 正是已盖戳的内容。</translation>
    </message>
    <message>
        <source>{name} is missing from the bundle.</source>
        <translation>证据包中缺少 {name}。</translation>
    </message>
    <message>
        <source>{name} is the token inside {response}.</source>
        <translation>{name} 正是 {response} 里的时间戳。</translation>
    </message>
    <message>
        <source>{name} is NOT the token inside {response}.</source>
        <translation>{name} 不是 {response} 里的时间戳。</translation>
    </message>
    <message>
        <source>manifest.json states the token&apos;s own time.</source>
        <translation>manifest.json 所述时间与时间戳本身一致。</translation>
    </message>
    <message>
        <source>manifest.json says {claimed} but the token says {actual}.</source>
        <translation>manifest.json 写的是 {claimed}，时间戳写的却是 {actual}。</translation>
    </message>
    <message>
        <source>Good at genTime: the OCSP responder &lt;{url}&gt; said on {when} that the TSA&apos;s certificate was not revoked.</source>
        <translation>盖戳时有效：OCSP 应答服务 &lt;{url}&gt; 于 {when} 答复，TSA 证书未被吊销。</translation>
    </message>
    <message>
        <source>Good at genTime: the CRL &lt;{url}&gt; of {when} does not list the TSA&apos;s certificate as revoked.</source>
        <translation>盖戳时有效：&lt;{url}&gt; 发布于 {when} 的证书吊销列表（CRL）未列出 TSA 证书。</translation>
    </message>
    <message>
        <source>Revoked: {where} that the TSA&apos;s certificate was revoked on {at}, before this time stamp was made ({gen}); it is not proof.</source>
        <translation>已吊销：{where}，TSA 证书于 {at} 被吊销，早于这个时间戳的时间（{gen}）；它不能作为证据。</translation>
    </message>
    <message>
        <source>Revoked after the stamp: {where} that the TSA&apos;s certificate was revoked on {at}, after this time stamp was made ({gen}); a stamp made while the certificate was good stays valid.</source>
        <translation>盖戳后才吊销：{where}，TSA 证书于 {at} 被吊销，晚于这个时间戳的时间（{gen}）；证书有效期间盖的时间戳仍然有效。</translation>
    </message>
    <message>
        <source>Not available: no revocation evidence (the TSA&apos;s certificate names no OCSP responder and no CRL); this does not make the stamp invalid.</source>
        <translation>无法获得：没有吊销证据（TSA 证书没有指明 OCSP 应答服务或 CRL）；这不会使时间戳无效。</translation>
    </message>
    <message>
        <source>Not available: no revocation evidence (none was fetched when the stamp was made (no network, or the stamp is older than this check)); this does not make the stamp invalid.</source>
        <translation>无法获得：没有吊销证据（盖戳时没有取得：没有网络，或时间戳早于这项检查）；这不会使时间戳无效。</translation>
    </message>
    <message>
        <source>Not available: no revocation evidence (what was fetched is not a valid answer about this certificate); this does not make the stamp invalid.</source>
        <translation>无法获得：没有吊销证据（取得的内容不是关于这张证书的有效答复）；这不会使时间戳无效。</translation>
    </message>
    <message>
        <source>Not available: no revocation evidence (the TSA certificate&apos;s issuer is not known); this does not make the stamp invalid.</source>
        <translation>无法获得：没有吊销证据（TSA 证书的签发者未知）；这不会使时间戳无效。</translation>
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
        <source>Certificate not revoked</source>
        <translation>证书未被吊销</translation>
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
        <source>The authority&apos;s certificate had not been revoked when it signed (or no revocation record is available; the detail says which).</source>
        <translation>时间戳机构签发时，其证书尚未被吊销（或没有可用的吊销记录；详情中会说明是哪一种）。</translation>
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
        <source>The authority&apos;s certificate had been revoked before it signed this stamp: it is not proof.</source>
        <translation>时间戳机构签发这个时间戳之前，其证书已被吊销：它不能作为证据。</translation>
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
    <name>ComparePage</name>
    <message>
        <source>Compare your work with a copy you found: your model and its re-upload, or your manuscript and a suspected copy. Everything is computed on this computer.</source>
        <translation>把你的作品和发现的副本放在一起比对：你的模型和被转载的模型，或你的稿子和疑似抄袭的文本。全部计算都在这台电脑上完成。</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>我的作品</translation>
    </message>
    <message>
        <source>Your model or manuscript: a file or a folder of chapters</source>
        <translation>你的模型或稿件：一个文件，或一个章节文件夹</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>对方的副本</translation>
    </message>
    <message>
        <source>The copy you found: a model, a sample picture, a manuscript or a saved web page</source>
        <translation>你发现的副本：模型、样图、稿件或保存下来的网页</translation>
    </message>
    <message>
        <source>Pick yours from the ledger</source>
        <translation>从存证记录中选择我的作品</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比对(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>保存报告(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Add to an evidence bundle…</source>
        <translation>加入证据包(&amp;A)…</translation>
    </message>
    <message>
        <source>S&amp;tamp the copy found too</source>
        <translation>给发现的副本也盖时间戳(&amp;T)</translation>
    </message>
    <message>
        <source>Time-stamps their file as it is today, as a work of its own: proof of what you found and when.</source>
        <translation>按对方文件现在的样子盖时间戳，单独记为一部作品：证明你在什么时候发现了什么。</translation>
    </message>
    <message>
        <source>…or pick yours from the ledger</source>
        <translation>…或从存证记录中选择我的作品</translation>
    </message>
    <message>
        <source>Model: “%1” (%2)</source>
        <translation>模型：“%1”（%2）</translation>
    </message>
    <message>
        <source>Manuscript: “%1” (every stamped draft)</source>
        <translation>稿件：“%1”（所有已存证的稿本）</translation>
    </message>
    <message>
        <source>not chosen yet</source>
        <translation>尚未选择</translation>
    </message>
    <message>
        <source>Yours:</source>
        <translation>我的：</translation>
    </message>
    <message>
        <source>Theirs:</source>
        <translation>对方：</translation>
    </message>
    <message>
        <source>Comparing %1 with %2…</source>
        <translation>正在比对 %1 与 %2…</translation>
    </message>
    <message>
        <source>Same file</source>
        <translation>同一文件</translation>
    </message>
    <message>
        <source>Same weights, re-encoded</source>
        <translation>权重相同（重新编码）</translation>
    </message>
    <message>
        <source>Derived from yours</source>
        <translation>由你的模型派生</translation>
    </message>
    <message>
        <source>No evidence of derivation</source>
        <translation>未发现派生证据</translation>
    </message>
    <message>
        <source>The picture names your model</source>
        <translation>图片注明使用了你的模型</translation>
    </message>
    <message>
        <source>The picture names another model</source>
        <translation>图片注明的是其他模型</translation>
    </message>
    <message>
        <source>The picture names no model</source>
        <translation>图片未注明模型</translation>
    </message>
    <message>
        <source>Tensors identical: %1 byte for byte, %2 after fp16 rounding, %3 after bf16 rounding — %4 of the %5 tensors in theirs.</source>
        <translation>相同的张量：逐字节相同 %1 个，fp16 舍入后相同 %2 个，bf16 舍入后相同 %3 个——对方共 %5 个张量，其中 %4 个相同。</translation>
    </message>
    <message>
        <source>Share of their parameters identical to yours: %1 · names changed: %2 · metadata: %3</source>
        <translation>对方参数中与你相同的比例：%1 · 改名：%2 个 · 元数据：%3</translation>
    </message>
    <message>
        <source>Estimated share of yours in theirs: %1 (the paired tensors cover %2 of theirs)</source>
        <translation>估计对方模型中你的模型所占份额：%1（配对的张量覆盖对方的 %2）</translation>
    </message>
    <message>
        <source>LoRA modules with the same effective change: %1 of %2</source>
        <translation>有效权重变化相同的 LoRA 模块：%1 / %2</translation>
    </message>
    <message>
        <source>The picture&apos;s %1 %2 equals your model&apos;s %3.</source>
        <translation>图片中的 %1 %2 与你的模型的 %3 一致。</translation>
    </message>
    <message>
        <source>Your fingerprint: version %1 of “%2”, stamped %3 (earliest of %4 verified receipts).</source>
        <translation>你的模型指纹：“%2”的第 %1 版，盖时间戳于 %3（%4 张已验证回执中最早的一张）。</translation>
    </message>
    <message>
        <source>Your fingerprint: version %1 of “%2”, with no verified receipt yet: not proof.</source>
        <translation>你的模型指纹：“%2”的第 %1 版，尚无已验证的回执：还不是证据。</translation>
    </message>
    <message>
        <source>Cosine similarity of the paired tensors that are not identical</source>
        <translation>未完全相同的配对张量的余弦相似度</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未改动</translation>
    </message>
    <message>
        <source>none on either side</source>
        <translation>双方都没有</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>%1 passage(s) of yours found in theirs (事件)</source>
        <translation>在对方文本中找到你的 %1 处段落（事件）</translation>
    </message>
    <message>
        <source>No passage of yours found in theirs</source>
        <translation>在对方文本中没有找到你的段落</translation>
    </message>
    <message>
        <source>事件: %1 (%2 identical, %3 rewritten) · 雷同字数 (identical characters): %4</source>
        <translation>事件：%1 个（逐字相同 %2 个，改写 %3 个）· 雷同字数：%4</translation>
    </message>
    <message>
        <source>Coverage: %1 of theirs is identical to yours and %2 rewritten</source>
        <translation>覆盖率：对方文本有 %1 与你的逐字相同，%2 为改写</translation>
    </message>
    <message>
        <source>%1 of yours appears in theirs</source>
        <translation>你的文本有 %1 出现在对方文本中</translation>
    </message>
    <message>
        <source>Longest passage: 事件 %1, %2 identical characters</source>
        <translation>最长段落：事件 %1，雷同 %2 字</translation>
    </message>
    <message>
        <source>Searched %1 stamped draft(s); each passage points to the earliest one that contains it.</source>
        <translation>已检索 %1 个已存证稿本；每个段落都指向最早包含它的那一版。</translation>
    </message>
    <message>
        <source>PDF report (*.pdf);;Web page (*.html);;JSON (*.json)</source>
        <translation>PDF 报告 (*.pdf);;网页 (*.html);;JSON (*.json)</translation>
    </message>
    <message>
        <source>;;Spreadsheet (*.csv)</source>
        <translation>;;表格 (*.csv)</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>Report saved to %1</source>
        <translation>报告已保存到 %1</translation>
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
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Evidence bundle saved to %1</source>
        <translation>证据包已保存到 %1</translation>
    </message>
    <message>
        <source>%1 — found copy</source>
        <translation>%1 — 发现的副本</translation>
    </message>
    <message>
        <source>Stamping %1…</source>
        <translation>正在给 %1 盖时间戳…</translation>
    </message>
    <message>
        <source>Stamped as “%1”: the copy as you found it, with its time stamps.</source>
        <translation>已存证为“%1”：你发现时的副本原样，附时间戳。</translation>
    </message>
    <message>
        <source>Stamped as “%1”; its time stamps are pending and are completed later.</source>
        <translation>已存证为“%1”；时间戳尚在等待中，稍后会自动补全。</translation>
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
    <message>
        <source>(± %1 s)</source>
        <translation>（误差 ± %1 秒）</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>Find a work by title or file name…</source>
        <translation>按作品名或文件名查找作品…</translation>
    </message>
    <message>
        <source>Find a work</source>
        <translation>查找作品</translation>
    </message>
    <message>
        <source>All &amp;receipts (for experts)</source>
        <translation>全部凭证（专家视图）(&amp;R)</translation>
    </message>
    <message>
        <source>Double-click a work (or press Enter) to see its drafts on a timeline.</source>
        <translation>双击作品（或按回车）即可在时间线上查看它的各版草稿。</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← 返回</translation>
    </message>
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
        <source>The ledger could not be opened</source>
        <translation>无法打开账本</translation>
    </message>
    <message>
        <source>Give up on %1?</source>
        <translation>放弃 %1？</translation>
    </message>
    <message>
        <source>%1 never answered. Give up on it? Its pending stamps are kept in your ledger as given up and it is not asked again. Your verified time stamps are not touched.</source>
        <translation>%1 一直没有答复。要放弃它吗？它那些待完成的时间戳会以“已放弃”记入账本，今后不再向它申请。您已验证的时间戳不受任何影响。</translation>
    </message>
    <message>
        <source>&amp;Give up</source>
        <translation>放弃(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Keep waiting</source>
        <translation>继续等待(&amp;K)</translation>
    </message>
    <message>
        <source>All receipts</source>
        <translation>全部凭证</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>凭证</translation>
    </message>
    <message numerus="yes">
        <source>%n work(s)</source>
        <translation>
            <numerusform>%n 部作品</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 receipts, %2 verified</source>
        <translation>%1 条凭证，%2 条已验证</translation>
    </message>
    <message>
        <source>%1 pending (retried automatically)</source>
        <translation>%1 条待完成（会自动重试）</translation>
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
        <source>C&amp;ompare</source>
        <translation>比对(&amp;O)</translation>
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
        <source>Your proof could not be copied to its mirror at %1 (is the disk or cloud folder there?). It is safe on this computer; the copy catches up after the next change.</source>
        <translation>你的证据未能复制到 %1 的镜像（磁盘或云盘文件夹在吗？）。证据在这台电脑上是安全的；下次有变更后会补上复制。</translation>
    </message>
    <message>
        <source>Your proof is mirrored to %1; last copy %2.</source>
        <translation>你的证据已镜像到 %1；最近一次复制于 %2。</translation>
    </message>
    <message>
        <source>Your proof will be mirrored to %1 after the next change.</source>
        <translation>下次有变更后，你的证据将镜像到 %1。</translation>
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
        <source>completing pending stamps</source>
        <translation>完成待处理的时间戳</translation>
    </message>
    <message>
        <source>checking the ledger</source>
        <translation>检查账本</translation>
    </message>
    <message>
        <source>backing up the ledger</source>
        <translation>备份账本</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
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
    <name>ModelSentences</name>
    <message>
        <source>SUSPECT is the very file MINE (equal SHA-256). This shows the bytes are identical; who made them first is what MINE&apos;s time stamps show.</source>
        <translation>对方的文件就是你的模型文件本身（SHA-256 相同）。这表明两者的字节完全一致；谁先做出它，要看你的模型的时间戳。</translation>
    </message>
    <message>
        <source>Same weights, re-encoded: {identical} of {tensors} tensors of SUSPECT are identical to MINE&apos;s ({how}), {share} of its parameters{tail}. Equal weights cannot arise by chance; this does not show who trained them, which MINE&apos;s time stamps (earlier than SUSPECT&apos;s publication) do.</source>
        <translation>权重相同，只是重新编码：对方模型的 {tensors} 个张量中有 {identical} 个与你的模型相同（{how}），占其参数的 {share}{tail}。相同的权重不可能偶然出现；但这并不说明是谁训练了它们——这要由你的模型的时间戳（早于对方发布的时间）来证明。</translation>
    </message>
    <message>
        <source>Same LoRA, re-encoded: {same} of {modules} modules of SUSPECT make the same weight change as MINE&apos;s (effective change equal; factors rescaled or renamed: {renamed} names changed){tail}. This does not show who trained it; MINE&apos;s time stamps show which existed first.</source>
        <translation>同一个 LoRA，只是重新编码：对方的 {modules} 个模块中有 {same} 个对权重的改变与你的模型相同（实际改变量相同；分解因子被缩放或改名：{renamed} 个名称被改）{tail}。这并不说明是谁训练了它；哪一个先存在，要看你的模型的时间戳。</translation>
    </message>
    <message>
        <source>Derived from MINE: estimated share of MINE {share} over tensors covering {coverage} of SUSPECT&apos;s parameters ({identical} tensors identical){tail}. The share is an estimate from sampled values, not an exact proof of how SUSPECT was made.</source>
        <translation>由你的模型派生：估计你的模型所占比例为 {share}，所依据的张量覆盖对方模型参数的 {coverage}（{identical} 个张量完全相同）{tail}。这个比例是根据抽样数值得出的估计，不是对方模型如何制作的确切证明。</translation>
    </message>
    <message>
        <source> Without --base, a model fine-tuned from the same base as MINE also scores high; give the base model to tell a derivation from a common ancestor.</source>
        <translation>未提供基础模型（--base）时，与你的模型出自同一基础模型的微调模型也会得分很高；请提供基础模型，以区分派生与共同祖先。</translation>
    </message>
    <message>
        <source>No evidence that SUSPECT derives from MINE: estimated share of MINE {share}, {identical} identical tensors{tail}. This does not prove independence: a heavily retrained copy can lose the traces this comparison looks for.</source>
        <translation>没有发现对方模型派生自你的模型的证据：估计你的模型所占比例为 {share}，相同张量 {identical} 个{tail}。这并不证明两者无关：经过大量再训练的副本可能失去本比对所寻找的痕迹。</translation>
    </message>
    <message>
        <source>The picture names MINE: its {where} {value} equals MINE&apos;s {equals}. This shows what the picture&apos;s text says, written by whoever saved it; it does not prove the picture was made with MINE.</source>
        <translation>图片注明使用了你的模型：其中的 {where} {value} 与你的模型的 {equals} 一致。这只说明图片文字中写了什么（由保存图片的人写入），并不证明图片确实是用你的模型生成的。</translation>
    </message>
    <message>
        <source>The picture names a model, but not MINE (none of its hashes equals MINE&apos;s AutoV2, A1111 LoRA hash or claimed hash).</source>
        <translation>图片注明了一个模型，但不是你的模型（其中没有一个哈希值与你的模型的 AutoV2、A1111 LoRA 哈希或声明的哈希一致）。</translation>
    </message>
    <message>
        <source>The picture carries no model hash{files}; it says nothing checkable about MINE.</source>
        <translation>图片中没有模型哈希{files}；它没有提供任何可以核对你的模型的信息。</translation>
    </message>
    <message>
        <source>{n} bytes</source>
        <translation>{n} 个逐字节相同</translation>
    </message>
    <message>
        <source>{n} after fp16 rounding</source>
        <translation>{n} 个在舍入到 fp16 后相同</translation>
    </message>
    <message>
        <source>{n} after bf16 rounding</source>
        <translation>{n} 个在舍入到 bf16 后相同</translation>
    </message>
    <message>
        <source>{n} names changed</source>
        <translation>{n} 个名称被改</translation>
    </message>
    <message>
        <source>metadata {n}</source>
        <translation>元数据{n}</translation>
    </message>
    <message>
        <source>{n} of MINE&apos;s tensors absent (pruned?)</source>
        <translation>你的模型中有 {n} 个张量缺失（被裁剪？）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source> (it names files: {files})</source>
        <translation>（其中写有文件名：{files}）</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已改动</translation>
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
        <source>Remind me to &amp;back up after:</source>
        <translation>多久未备份时提醒(&amp;B)：</translation>
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
        <source>Name (optional)</source>
        <translation>名称（可选）</translation>
    </message>
    <message>
        <source>Custom TSA name</source>
        <translation>自定义机构名称</translation>
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
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>ProofKit keeps an exact copy of each stamped file up to this size, so the draft you stamped can be shown years later. Models are kept only for works you choose.</source>
        <translation>ProofKit 会为不超过此大小的每个已盖章文件保存一份原样副本，多年后仍能拿出当时盖章的稿件。模型只为你选择的作品保存。</translation>
    </message>
    <message>
        <source>&amp;Keep stamped files up to:</source>
        <translation>保存已盖章文件（上限）(&amp;K)：</translation>
    </message>
    <message>
        <source>none (a cloud-drive folder or a USB disk)</source>
        <translation>无（可选云盘文件夹或 U 盘）</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>浏览(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Mirror my proof to:</source>
        <translation>证据镜像到(&amp;M)：</translation>
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
        <source>Author (printed in evidence bundles as declared, not proven)</source>
        <translation>作者（在证据包中作为声明打印，未经证明）</translation>
    </message>
    <message>
        <source>Optional. A time stamp proves that a file existed at a time, not who wrote it: what you enter here is printed as your own declaration, which nobody has checked.</source>
        <translation>可选。时间戳只能证明文件在某个时间已经存在，不能证明是谁写的：这里填写的内容会作为你本人的声明打印出来，没有任何人核实过。</translation>
    </message>
    <message>
        <source>e.g. 风起云涌; Wind</source>
        <translation>例如：风起云涌; Wind</translation>
    </message>
    <message>
        <source>&amp;Pen names:</source>
        <translation>笔名(&amp;P)：</translation>
    </message>
    <message>
        <source>Real &amp;name:</source>
        <translation>真实姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>One per line, e.g. your author page on Fanqie, Jinjiang, Qidian, LiblibAI or Civitai</source>
        <translation>每行一个，例如你在番茄、晋江、起点、LiblibAI 或 Civitai 的作者主页</translation>
    </message>
    <message>
        <source>Pla&amp;tform accounts:</source>
        <translation>平台账号(&amp;T)：</translation>
    </message>
    <message>
        <source>C&amp;ontact:</source>
        <translation>联系方式(&amp;O)：</translation>
    </message>
    <message numerus="yes">
        <source>%n chosen: %1</source>
        <translation>
            <numerusform>已选 %n 家：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>None chosen yet: tick at least one.</source>
        <translation>尚未选择：请至少勾选一家。</translation>
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
        <source>Choose the mirror folder</source>
        <translation>选择镜像文件夹</translation>
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
        <source>asking… (waiting up to %1)</source>
        <translation>正在申请…（最多等待 %1）</translation>
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
    <message>
        <source>Your first proof is in your ledger. %1</source>
        <translation>您的第一份证明已存入账本。%1</translation>
    </message>
</context>
<context>
    <name>TSAErrors</name>
    <message>
        <source>You gave up on this authority: it never answered and is not asked again.</source>
        <translation>您已放弃这家机构：它一直没有答复，今后不再向它申请。</translation>
    </message>
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
        <source>The authority refused the account (HTTP %1); check it with `proofkit tsa login`.</source>
        <translation>时间戳机构拒绝了该账户（HTTP %1）；请用 `proofkit tsa login` 检查账户。</translation>
    </message>
    <message>
        <source>The authority asks for an account (HTTP %1); save it with `proofkit tsa login`.</source>
        <translation>时间戳机构要求账户（HTTP %1）；请用 `proofkit tsa login` 保存账户。</translation>
    </message>
    <message>
        <source>The authority %1 needs an account: save it with `proofkit tsa login %1`.</source>
        <translation>时间戳机构 %1 需要账户：请用 `proofkit tsa login %1` 保存。</translation>
    </message>
    <message>
        <source>ProofKit sends an account&apos;s password only over https, and this authority&apos;s address is plain http.</source>
        <translation>ProofKit 只通过 https 发送账户密码，而这个时间戳机构的地址是普通 http。</translation>
    </message>
    <message>
        <source>The authority sent the request to another address (HTTP %1); ProofKit does not send an account&apos;s password there.</source>
        <translation>时间戳机构把请求转到了另一个地址（HTTP %1）；ProofKit 不会把账户密码发往那里。</translation>
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
    <message>
        <source>This proves this exact file existed at this time. It does not, by itself, prove who wrote it: keep stamping your drafts.</source>
        <translation>这证明了这个文件在此时刻已经一字不差地存在。它本身并不能证明是谁写的：请坚持为每一稿盖时间戳。</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Drafts on a timeline</source>
        <translation>时间线上的各版草稿</translation>
    </message>
    <message>
        <source>No draft yet.</source>
        <translation>还没有草稿。</translation>
    </message>
    <message>
        <source>✔ %1/%2 verified</source>
        <translation>✔ %1/%2 已验证</translation>
    </message>
    <message>
        <source>… %1 pending</source>
        <translation>… %1 个待完成</translation>
    </message>
    <message>
        <source>✖ not proof</source>
        <translation>✖ 不构成证明</translation>
    </message>
    <message>
        <source>no receipt</source>
        <translation>没有凭证</translation>
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
        <source>This exact file was never stamped.</source>
        <translation>这个文件（一字不差的这一份）从未盖过时间戳。</translation>
    </message>
    <message>
        <source>Long term: this receipt was refused when it arrived; an evidence record does not make it proof.</source>
        <translation>长期有效性：这张回执在收到时即被拒绝；证据记录不能使它成为证明。</translation>
    </message>
    <message>
        <source>Long term: %1, but this receipt is proven since %2 through the evidence record renewed on %3 by %4.</source>
        <translation>长期有效性：%1，但通过 %3 由 %4 续期的证据记录，这张回执自 %2 起仍得到证明。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Long term: %1, and no evidence record keeps this receipt proven: it can no longer be relied on by itself.</source>
        <translation>长期有效性：%1，且没有证据记录使这张回执继续有效：它本身已不能再作为依据。</translation>
    </message>
    <message>
        <source>Any change, even one character or a re-save, gives a file a different fingerprint, so an edited draft matches none of the stamps of the earlier ones.</source>
        <translation>任何改动，哪怕一个字或重新保存，都会让文件的指纹不同，所以修改过的稿子与之前各稿的时间戳都对不上。</translation>
    </message>
    <message>
        <source>Nearest stamped drafts of “%1”:</source>
        <translation>“%1”最接近的已盖戳草稿：</translation>
    </message>
    <message>
        <source>%1, stamped %2</source>
        <translation>%1，盖戳于 %2</translation>
    </message>
    <message>
        <source>If this file is a newer draft, stamp it now: the work&apos;s timeline then shows both.</source>
        <translation>如果这是较新的一稿，现在就盖时间戳：作品的时间线上会同时显示两稿。</translation>
    </message>
    <message>
        <source>&amp;Stamp this version as a draft of “%1”</source>
        <translation>把这一版作为“%1”的新稿盖时间戳(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Stamp this version</source>
        <translation>给这一版盖时间戳(&amp;S)</translation>
    </message>
    <message>
        <source>Not the file you stamped, but %1/%2 tensors equal your “%3” (%4)</source>
        <translation>不是你盖过时间戳的那个文件，但有 %1/%2 个张量与你的“%3”（%4）相同</translation>
    </message>
    <message>
        <source>, stamped %1 by %2 TSA(s).</source>
        <translation>，该模型于 %1 由 %2 家时间戳机构盖过时间戳。</translation>
    </message>
    <message>
        <source>, whose stamp has no verified receipt yet: not proof.</source>
        <translation>，但它的时间戳尚无已验证的回执：还不是证据。</translation>
    </message>
    <message>
        <source>This exact file was never stamped, but its weights match your stamped model “%1”.</source>
        <translation>这个文件本身从未盖过时间戳，但它的权重与你已存证的模型“%1”一致。</translation>
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
<context>
    <name>WorkView</name>
    <message>
        <source>← All works</source>
        <translation>← 全部作品</translation>
    </message>
    <message>
        <source>The draft&apos;s details</source>
        <translation>草稿详情</translation>
    </message>
    <message>
        <source>&amp;Stamp a new draft…</source>
        <translation>为新稿盖时间戳(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Verify a file against this work…</source>
        <translation>用本作品核验文件(&amp;V)…</translation>
    </message>
    <message>
        <source>E&amp;xport evidence for the work…</source>
        <translation>导出本作品的证据(&amp;X)…</translation>
    </message>
    <message>
        <source>Export this &amp;draft…</source>
        <translation>导出这一稿(&amp;D)…</translation>
    </message>
    <message>
        <source>Com&amp;pare a suspect copy…</source>
        <translation>比对找到的可疑副本(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Receipts table</source>
        <translation>凭证表(&amp;R)</translation>
    </message>
    <message>
        <source>Every receipt of this work, with the authority&apos;s certificate chain and each check (for experts).</source>
        <translation>本作品的每条凭证，含机构的证书链和每项检查（专家视图）。</translation>
    </message>
    <message numerus="yes">
        <source>%n draft(s)</source>
        <translation>
            <numerusform>%n 稿</numerusform>
        </translation>
    </message>
    <message>
        <source>This work has no draft yet.</source>
        <translation>这部作品还没有草稿。</translation>
    </message>
    <message>
        <source>Draft %1 of %2: %3</source>
        <translation>第 %1 稿（共 %2 稿）：%3</translation>
    </message>
    <message>
        <source>folder of files</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Stamped</source>
        <translation>盖戳时间</translation>
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
        <source>Time stamps</source>
        <translation>时间戳</translation>
    </message>
    <message>
        <source>No time stamp was asked for this draft.</source>
        <translation>这一稿没有申请过时间戳。</translation>
    </message>
    <message>
        <source>✔ verified: %1</source>
        <translation>✔ 已验证：%1</translation>
    </message>
    <message>
        <source>Give up on this authority…</source>
        <translation>放弃这家机构…</translation>
    </message>
    <message>
        <source>… pending — not proof yet; ProofKit retries by itself.</source>
        <translation>… 待完成——尚不构成证明；ProofKit 会自动重试。</translation>
    </message>
    <message>
        <source>✖ failed: %1</source>
        <translation>✖ 失败：%1</translation>
    </message>
    <message>
        <source>Each verified time stamp proves this exact draft existed at that time. The drafts together show how the work grew.</source>
        <translation>每个已验证的时间戳都证明这一稿在当时已一字不差地存在。各稿合在一起，展示了作品的成长过程。</translation>
    </message>
</context>
<context>
    <name>Works</name>
    <message>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>manuscript</source>
        <translation>稿件</translation>
    </message>
    <message>
        <source>✖ %1 failed</source>
        <translation>✖ %1 个失败</translation>
    </message>
    <message>
        <source>… %1 pending</source>
        <translation>… %1 个待完成</translation>
    </message>
    <message>
        <source>✔ all verified</source>
        <translation>✔ 全部已验证</translation>
    </message>
    <message>
        <source>no receipt</source>
        <translation>没有凭证</translation>
    </message>
</context>
<context>
    <name>WorksModel</name>
    <message>
        <source>Work</source>
        <translation>作品</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>稿数</translation>
    </message>
    <message>
        <source>First stamp</source>
        <translation>首次盖戳</translation>
    </message>
    <message>
        <source>Latest stamp</source>
        <translation>最近盖戳</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>WorksTable</name>
    <message>
        <source>Works</source>
        <translation>作品</translation>
    </message>
</context>
</TS>

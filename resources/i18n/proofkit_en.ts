<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About ProofKit</source>
        <translation>About ProofKit</translation>
    </message>
    <message>
        <source>Proves that a file existed at a given time, with RFC 3161 time stamps from several independent authorities.</source>
        <translation>Proves that a file existed at a given time, with RFC 3161 time stamps from several independent authorities.</translation>
    </message>
    <message>
        <source>Licences of the third-party software in this build:</source>
        <translation>Licences of the third-party software in this build:</translation>
    </message>
    <message>
        <source>Main components and their licences</source>
        <translation>Main components and their licences</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Checks</name>
    <message>
        <source>Authority&apos;s answer</source>
        <translation>Authority&apos;s answer</translation>
    </message>
    <message>
        <source>Time-stamp format</source>
        <translation>Time-stamp format</translation>
    </message>
    <message>
        <source>Signed content type</source>
        <translation>Signed content type</translation>
    </message>
    <message>
        <source>Signed content intact</source>
        <translation>Signed content intact</translation>
    </message>
    <message>
        <source>Signer&apos;s certificate</source>
        <translation>Signer&apos;s certificate</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>Certificate named by the signature</source>
        <translation>Certificate named by the signature</translation>
    </message>
    <message>
        <source>Time-stamping certificate</source>
        <translation>Time-stamping certificate</translation>
    </message>
    <message>
        <source>Chain of trust</source>
        <translation>Chain of trust</translation>
    </message>
    <message>
        <source>File fingerprint</source>
        <translation>File fingerprint</translation>
    </message>
    <message>
        <source>Fresh answer</source>
        <translation>Fresh answer</translation>
    </message>
    <message>
        <source>Time of the stamp</source>
        <translation>Time of the stamp</translation>
    </message>
    <message>
        <source>Listed in the folder manifest</source>
        <translation>Listed in the folder manifest</translation>
    </message>
    <message>
        <source>Folder manifest</source>
        <translation>Folder manifest</translation>
    </message>
    <message>
        <source>Original file</source>
        <translation>Original file</translation>
    </message>
    <message>
        <source>Your file</source>
        <translation>Your file</translation>
    </message>
    <message>
        <source>Time-stamp file</source>
        <translation>Time-stamp file</translation>
    </message>
    <message>
        <source>Time stated by the bundle</source>
        <translation>Time stated by the bundle</translation>
    </message>
    <message>
        <source>Renewal (evidence record)</source>
        <translation>Renewal (evidence record)</translation>
    </message>
    <message>
        <source>The authority accepted the request and sent a time stamp.</source>
        <translation>The authority accepted the request and sent a time stamp.</translation>
    </message>
    <message>
        <source>The answer is a well-formed, signed time stamp.</source>
        <translation>The answer is a well-formed, signed time stamp.</translation>
    </message>
    <message>
        <source>The signature says it covers a time stamp, as it must.</source>
        <translation>The signature says it covers a time stamp, as it must.</translation>
    </message>
    <message>
        <source>The time-stamp content is exactly what the authority signed.</source>
        <translation>The time-stamp content is exactly what the authority signed.</translation>
    </message>
    <message>
        <source>The certificate of the authority that signed was found.</source>
        <translation>The certificate of the authority that signed was found.</translation>
    </message>
    <message>
        <source>The authority&apos;s signature is valid: the time stamp is intact.</source>
        <translation>The authority&apos;s signature is valid: the time stamp is intact.</translation>
    </message>
    <message>
        <source>The signature names exactly this certificate.</source>
        <translation>The signature names exactly this certificate.</translation>
    </message>
    <message>
        <source>The certificate is one meant for time-stamping only.</source>
        <translation>The certificate is one meant for time-stamping only.</translation>
    </message>
    <message>
        <source>The certificate leads to a root this computer trusts and was valid at the stamped time.</source>
        <translation>The certificate leads to a root this computer trusts and was valid at the stamped time.</translation>
    </message>
    <message>
        <source>The time stamp is for exactly this content.</source>
        <translation>The time stamp is for exactly this content.</translation>
    </message>
    <message>
        <source>The answer carries the random number ProofKit sent: it is fresh, not replayed.</source>
        <translation>The answer carries the random number ProofKit sent: it is fresh, not replayed.</translation>
    </message>
    <message>
        <source>The authority&apos;s clock agrees with this computer&apos;s.</source>
        <translation>The authority&apos;s clock agrees with this computer&apos;s.</translation>
    </message>
    <message>
        <source>The file is listed in the stamped folder manifest.</source>
        <translation>The file is listed in the stamped folder manifest.</translation>
    </message>
    <message>
        <source>The folder manifest in the bundle is the one that was stamped.</source>
        <translation>The folder manifest in the bundle is the one that was stamped.</translation>
    </message>
    <message>
        <source>The original in the bundle is exactly the stamped file.</source>
        <translation>The original in the bundle is exactly the stamped file.</translation>
    </message>
    <message>
        <source>Your file is exactly the stamped content.</source>
        <translation>Your file is exactly the stamped content.</translation>
    </message>
    <message>
        <source>The time-stamp file in the bundle is the one verified.</source>
        <translation>The time-stamp file in the bundle is the one verified.</translation>
    </message>
    <message>
        <source>The time the bundle states is the time stamp&apos;s own.</source>
        <translation>The time the bundle states is the time stamp&apos;s own.</translation>
    </message>
    <message>
        <source>The time stamp was stamped again in time, before its authority&apos;s certificate expired.</source>
        <translation>The time stamp was stamped again in time, before its authority&apos;s certificate expired.</translation>
    </message>
    <message>
        <source>The authority refused the request or sent no time stamp.</source>
        <translation>The authority refused the request or sent no time stamp.</translation>
    </message>
    <message>
        <source>The answer is not a well-formed time stamp (damaged, or something else).</source>
        <translation>The answer is not a well-formed time stamp (damaged, or something else).</translation>
    </message>
    <message>
        <source>The signature does not say it covers a time stamp.</source>
        <translation>The signature does not say it covers a time stamp.</translation>
    </message>
    <message>
        <source>The time-stamp content differs from what the authority signed.</source>
        <translation>The time-stamp content differs from what the authority signed.</translation>
    </message>
    <message>
        <source>The certificate of the authority that signed is missing.</source>
        <translation>The certificate of the authority that signed is missing.</translation>
    </message>
    <message>
        <source>The signature does not match: the time stamp was damaged or forged.</source>
        <translation>The signature does not match: the time stamp was damaged or forged.</translation>
    </message>
    <message>
        <source>The signature does not name this certificate.</source>
        <translation>The signature does not name this certificate.</translation>
    </message>
    <message>
        <source>The certificate is not a proper time-stamping certificate.</source>
        <translation>The certificate is not a proper time-stamping certificate.</translation>
    </message>
    <message>
        <source>The certificate does not lead to a root this computer trusts, or was not valid at the stamped time.</source>
        <translation>The certificate does not lead to a root this computer trusts, or was not valid at the stamped time.</translation>
    </message>
    <message>
        <source>The time stamp is for different content (or uses a digest too weak to count).</source>
        <translation>The time stamp is for different content (or uses a digest too weak to count).</translation>
    </message>
    <message>
        <source>The answer lacks the random number ProofKit sent: it may be old or replayed.</source>
        <translation>The answer lacks the random number ProofKit sent: it may be old or replayed.</translation>
    </message>
    <message>
        <source>The authority dated the stamp far from when it was asked: its clock is wrong, so the stamp is not kept as proof.</source>
        <translation>The authority dated the stamp far from when it was asked: its clock is wrong, so the stamp is not kept as proof.</translation>
    </message>
    <message>
        <source>The stamped folder manifest does not list this file.</source>
        <translation>The stamped folder manifest does not list this file.</translation>
    </message>
    <message>
        <source>The folder manifest is missing, or is not the one that was stamped.</source>
        <translation>The folder manifest is missing, or is not the one that was stamped.</translation>
    </message>
    <message>
        <source>The original is missing from the bundle or differs from the stamped file.</source>
        <translation>The original is missing from the bundle or differs from the stamped file.</translation>
    </message>
    <message>
        <source>Your file does not match the stamped content.</source>
        <translation>Your file does not match the stamped content.</translation>
    </message>
    <message>
        <source>A time-stamp file is missing from the bundle or does not match.</source>
        <translation>A time-stamp file is missing from the bundle or does not match.</translation>
    </message>
    <message>
        <source>The time the bundle states differs from the time stamp&apos;s own.</source>
        <translation>The time the bundle states differs from the time stamp&apos;s own.</translation>
    </message>
    <message>
        <source>No renewal of this time stamp holds (missing, changed, or made too late).</source>
        <translation>No renewal of this time stamp holds (missing, changed, or made too late).</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>Choose files…</source>
        <translation>Choose files…</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Choose a folder…</translation>
    </message>
    <message>
        <source>Choose files</source>
        <translation>Choose files</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Choose a folder</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>A file or folder could not be used: %1</source>
        <translation>A file or folder could not be used: %1</translation>
    </message>
    <message>
        <source>Check that it exists and that you may read it, then try again.</source>
        <translation>Check that it exists and that you may read it, then try again.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong (%1).</source>
        <translation>Something unexpected went wrong (%1).</translation>
    </message>
    <message>
        <source>Nothing in your ledger was lost. Please copy the details below and send them to the ProofKit developers.</source>
        <translation>Nothing in your ledger was lost. Please copy the details below and send them to the ProofKit developers.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>Hide details</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Show details</translation>
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
        <translation>Export evidence</translation>
    </message>
    <message>
        <source>An evidence bundle is one .zip file with the time stamps, the certificates and a report anyone can check without ProofKit.</source>
        <translation>An evidence bundle is one .zip file with the time stamps, the certificates and a report anyone can check without ProofKit.</translation>
    </message>
    <message>
        <source>&amp;Work:</source>
        <translation>&amp;Work:</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <source>&amp;Include the original files</source>
        <translation>&amp;Include the original files</translation>
    </message>
    <message>
        <source>With the originals, anyone can check the bundle alone; without them, the bundle holds only fingerprints, so you can share it without revealing your work.</source>
        <translation>With the originals, anyone can check the bundle alone; without them, the bundle holds only fingerprints, so you can share it without revealing your work.</translation>
    </message>
    <message>
        <source>Report &amp;language:</source>
        <translation>Report &amp;language:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>Save &amp;as:</source>
        <translation>Save &amp;as:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xport</translation>
    </message>
    <message>
        <source>Nothing to export yet: stamp a file first.</source>
        <translation>Nothing to export yet: stamp a file first.</translation>
    </message>
    <message>
        <source>All versions of this work</source>
        <translation>All versions of this work</translation>
    </message>
    <message>
        <source>Save the evidence bundle</source>
        <translation>Save the evidence bundle</translation>
    </message>
    <message>
        <source>Evidence bundle (*.zip)</source>
        <translation>Evidence bundle (*.zip)</translation>
    </message>
    <message>
        <source>Choose where to save the bundle.</source>
        <translation>Choose where to save the bundle.</translation>
    </message>
    <message>
        <source>%1 already exists; choose another name.</source>
        <translation>%1 already exists; choose another name.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Saved: %1 — %2 version(s), %3 verified time stamp(s).</source>
        <translation>Saved: %1 — %2 version(s), %3 verified time stamp(s).</translation>
    </message>
    <message>
        <source>%1 receipt(s) were left out because they are not proof (pending or failed).</source>
        <translation>%1 receipt(s) were left out because they are not proof (pending or failed).</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>Search by file name, work or fingerprint (SHA-256)…</source>
        <translation>Search by file name, work or fingerprint (SHA-256)…</translation>
    </message>
    <message>
        <source>Search the ledger</source>
        <translation>Search the ledger</translation>
    </message>
    <message>
        <source>&amp;Export evidence…</source>
        <translation>&amp;Export evidence…</translation>
    </message>
    <message>
        <source>Works</source>
        <translation>Works</translation>
    </message>
    <message>
        <source>Versions (newest first)</source>
        <translation>Versions (newest first)</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>Versions</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <source>All works</source>
        <translation>All works</translation>
    </message>
    <message>
        <source>%1 receipts, %2 verified</source>
        <translation>%1 receipts, %2 verified</translation>
    </message>
    <message>
        <source>%1 pending (retried automatically)</source>
        <translation>%1 pending (retried automatically)</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>folder</translation>
    </message>
    <message>
        <source>%1/%2 verified</source>
        <translation>%1/%2 verified</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Back up now…</source>
        <translation>&amp;Back up now…</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>&amp;Stamp</source>
        <translation>&amp;Stamp</translation>
    </message>
    <message>
        <source>&amp;Ledger</source>
        <translation>&amp;Ledger</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Verify</translation>
    </message>
    <message>
        <source>Completing pending stamps…</source>
        <translation>Completing pending stamps…</translation>
    </message>
    <message>
        <source>The ledger could not be opened</source>
        <translation>The ledger could not be opened</translation>
    </message>
    <message>
        <source>Your ledger has never been backed up. It is the only copy of your receipts: keep a backup on another disk or cloud folder.</source>
        <translation>Your ledger has never been backed up. It is the only copy of your receipts: keep a backup on another disk or cloud folder.</translation>
    </message>
    <message>
        <source>Your ledger was last backed up %1 days ago. Make a fresh copy on another disk or cloud folder.</source>
        <translation>Your ledger was last backed up %1 days ago. Make a fresh copy on another disk or cloud folder.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Stamp &amp;files…</source>
        <translation>Stamp &amp;files…</translation>
    </message>
    <message>
        <source>Stamp a f&amp;older…</source>
        <translation>Stamp a f&amp;older…</translation>
    </message>
    <message>
        <source>&amp;Verify a file…</source>
        <translation>&amp;Verify a file…</translation>
    </message>
    <message>
        <source>&amp;Export evidence…</source>
        <translation>&amp;Export evidence…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Complete pending stamps now</source>
        <translation>&amp;Complete pending stamps now</translation>
    </message>
    <message>
        <source>C&amp;heck the ledger for tampering</source>
        <translation>C&amp;heck the ledger for tampering</translation>
    </message>
    <message>
        <source>&amp;Back up the ledger…</source>
        <translation>&amp;Back up the ledger…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Welcome</source>
        <translation>&amp;Welcome</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>Open the &amp;log folder</translation>
    </message>
    <message>
        <source>&amp;About ProofKit</source>
        <translation>&amp;About ProofKit</translation>
    </message>
    <message>
        <source>%1 pending stamp(s) retried, %2 now verified.</source>
        <translation>%1 pending stamp(s) retried, %2 now verified.</translation>
    </message>
    <message>
        <source>Checking the ledger…</source>
        <translation>Checking the ledger…</translation>
    </message>
    <message>
        <source>Ledger intact</source>
        <translation>Ledger intact</translation>
    </message>
    <message>
        <source>Every entry of the ledger is chained and unchanged.</source>
        <translation>Every entry of the ledger is chained and unchanged.</translation>
    </message>
    <message>
        <source>The ledger was changed outside ProofKit</source>
        <translation>The ledger was changed outside ProofKit</translation>
    </message>
    <message>
        <source>%1 problem(s) found. Your receipts&apos; tokens can still be verified one by one; keep a backup of this file as it is.</source>
        <translation>%1 problem(s) found. Your receipts&apos; tokens can still be verified one by one; keep a backup of this file as it is.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Back up the ledger</source>
        <translation>Back up the ledger</translation>
    </message>
    <message>
        <source>Ledger (*.sqlite3)</source>
        <translation>Ledger (*.sqlite3)</translation>
    </message>
    <message>
        <source>Ledger backed up to %1</source>
        <translation>Ledger backed up to %1</translation>
    </message>
    <message>
        <source>ProofKit is still working</source>
        <translation>ProofKit is still working</translation>
    </message>
    <message>
        <source>ProofKit is still working on: %1.

Quit anyway? Hashing stops and nothing half-done is kept; stamps already requested stay pending and are completed next time.</source>
        <translation>ProofKit is still working on: %1.

Quit anyway? Hashing stops and nothing half-done is kept; stamps already requested stay pending and are completed next time.</translation>
    </message>
    <message>
        <source>&amp;Keep working</source>
        <translation>&amp;Keep working</translation>
    </message>
</context>
<context>
    <name>ReceiptDetails</name>
    <message>
        <source>Select a receipt to see its details.</source>
        <translation>Select a receipt to see its details.</translation>
    </message>
    <message>
        <source>✔ Verified</source>
        <translation>✔ Verified</translation>
    </message>
    <message>
        <source>✖ Not valid</source>
        <translation>✖ Not valid</translation>
    </message>
    <message>
        <source>… Pending: not proof yet</source>
        <translation>… Pending: not proof yet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>Authority (TSA)</source>
        <translation>Authority (TSA)</translation>
    </message>
    <message>
        <source>Time stamped (local)</source>
        <translation>Time stamped (local)</translation>
    </message>
    <message>
        <source>Time stamped (UTC)</source>
        <translation>Time stamped (UTC)</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Serial number</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Policy</translation>
    </message>
    <message>
        <source>Trusted root</source>
        <translation>Trusted root</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Requested</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Certificate chain</source>
        <translation>Certificate chain</translation>
    </message>
    <message>
        <source>Checking the token…</source>
        <translation>Checking the token…</translation>
    </message>
    <message>
        <source>No token yet.</source>
        <translation>No token yet.</translation>
    </message>
    <message>
        <source>No chain could be built.</source>
        <translation>No chain could be built.</translation>
    </message>
    <message>
        <source>issued by %1, valid %2 to %3</source>
        <translation>issued by %1, valid %2 to %3</translation>
    </message>
    <message>
        <source>Verification checks</source>
        <translation>Verification checks</translation>
    </message>
    <message>
        <source>(checked %1)</source>
        <translation>(checked %1)</translation>
    </message>
    <message>
        <source>None yet.</source>
        <translation>None yet.</translation>
    </message>
</context>
<context>
    <name>ReceiptTableModel</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Authority</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>✔ verified</source>
        <translation>✔ verified</translation>
    </message>
    <message>
        <source>✖ failed</source>
        <translation>✖ failed</translation>
    </message>
    <message>
        <source>… pending</source>
        <translation>… pending</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Time-stamping authorities to ask</source>
        <translation>Time-stamping authorities to ask</translation>
    </message>
    <message>
        <source>Each one signs the time it saw your file&apos;s fingerprint. Two or more, in different countries, make the proof stronger.</source>
        <translation>Each one signs the time it saw your file&apos;s fingerprint. Two or more, in different countries, make the proof stronger.</translation>
    </message>
    <message>
        <source>Time-stamping authorities</source>
        <translation>Time-stamping authorities</translation>
    </message>
    <message>
        <source>Custom: %1</source>
        <translation>Custom: %1</translation>
    </message>
    <message>
        <source>Custom TSA address</source>
        <translation>Custom TSA address</translation>
    </message>
    <message>
        <source>&amp;Add custom TSA</source>
        <translation>&amp;Add custom TSA</translation>
    </message>
    <message>
        <source>Extra trusted root certificates</source>
        <translation>Extra trusted root certificates</translation>
    </message>
    <message>
        <source>Only needed for a private or company TSA whose root is not already known.</source>
        <translation>Only needed for a private or company TSA whose root is not already known.</translation>
    </message>
    <message>
        <source>Add &amp;certificate…</source>
        <translation>Add &amp;certificate…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>&amp;Data folder (ledger):</source>
        <translation>&amp;Data folder (ledger):</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Remind me to back up after:</source>
        <translation>Remind me to back up after:</translation>
    </message>
    <message>
        <source>A new language or data folder takes effect when ProofKit restarts.</source>
        <translation>A new language or data folder takes effect when ProofKit restarts.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Give the TSA&apos;s address, starting with http:// or https://.</source>
        <translation>Give the TSA&apos;s address, starting with http:// or https://.</translation>
    </message>
    <message>
        <source>Choose root certificates</source>
        <translation>Choose root certificates</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>Certificates (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>Choose the data folder</translation>
    </message>
    <message>
        <source>Choose at least one time-stamping authority.</source>
        <translation>Choose at least one time-stamping authority.</translation>
    </message>
</context>
<context>
    <name>StampJobCard</name>
    <message>
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Work: %1</source>
        <translation>Work: %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Stop hashing this item; nothing is stamped.</source>
        <translation>Stop hashing this item; nothing is stamped.</translation>
    </message>
    <message>
        <source>Computing the fingerprint…</source>
        <translation>Computing the fingerprint…</translation>
    </message>
    <message>
        <source>Fingerprinting: %1 of %2</source>
        <translation>Fingerprinting: %1 of %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 left</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) fingerprinted into one manifest; asking the time-stamping authorities…</source>
        <translation>
            <numerusform>%n file fingerprinted into one manifest; asking the time-stamping authorities…</numerusform>
            <numerusform>%n files fingerprinted into one manifest; asking the time-stamping authorities…</numerusform>
        </translation>
    </message>
    <message>
        <source>Fingerprint (SHA-256): %1 — asking the time-stamping authorities…</source>
        <translation>Fingerprint (SHA-256): %1 — asking the time-stamping authorities…</translation>
    </message>
    <message>
        <source>Stamped: %1 of %2 time stamps verified. Kept in your ledger.</source>
        <translation>Stamped: %1 of %2 time stamps verified. Kept in your ledger.</translation>
    </message>
    <message>
        <source>Not proof yet: no authority could be reached. The stamp waits and ProofKit retries by itself when you are online.</source>
        <translation>Not proof yet: no authority could be reached. The stamp waits and ProofKit retries by itself when you are online.</translation>
    </message>
    <message>
        <source>No authority gave a valid time stamp; nothing was kept as proof.</source>
        <translation>No authority gave a valid time stamp; nothing was kept as proof.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was stamped.</source>
        <translation>Cancelled: nothing was stamped.</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>requesting…</source>
        <translation>requesting…</translation>
    </message>
    <message>
        <source>✔ verified at %1</source>
        <translation>✔ verified at %1</translation>
    </message>
    <message>
        <source>pending, will retry: %1</source>
        <translation>pending, will retry: %1</translation>
    </message>
    <message>
        <source>✖ failed: %1</source>
        <translation>✖ failed: %1</translation>
    </message>
</context>
<context>
    <name>StampPage</name>
    <message>
        <source>&amp;Work these files belong to:</source>
        <translation>&amp;Work these files belong to:</translation>
    </message>
    <message>
        <source>Automatic: named after each file or folder</source>
        <translation>Automatic: named after each file or folder</translation>
    </message>
    <message>
        <source>Type a new title to create a work, or pick an existing one. Leave empty to name the work after each file.</source>
        <translation>Type a new title to create a work, or pick an existing one. Leave empty to name the work after each file.</translation>
    </message>
    <message>
        <source>Drop files or folders here to stamp them</source>
        <translation>Drop files or folders here to stamp them</translation>
    </message>
    <message>
        <source>Manuscripts (.txt .docx .epub .pdf .md), models (.safetensors .ckpt .gguf .pt) — any file. A folder is stamped as one manifest of all its files.</source>
        <translation>Manuscripts (.txt .docx .epub .pdf .md), models (.safetensors .ckpt .gguf .pt) — any file. A folder is stamped as one manifest of all its files.</translation>
    </message>
</context>
<context>
    <name>TSAErrors</name>
    <message>
        <source>The authority did not answer in time.</source>
        <translation>The authority did not answer in time.</translation>
    </message>
    <message>
        <source>The authority refused the connection (it may be down).</source>
        <translation>The authority refused the connection (it may be down).</translation>
    </message>
    <message>
        <source>The authority&apos;s address could not be found (no network?).</source>
        <translation>The authority&apos;s address could not be found (no network?).</translation>
    </message>
    <message>
        <source>The authority answered with an HTTP error (%1).</source>
        <translation>The authority answered with an HTTP error (%1).</translation>
    </message>
    <message>
        <source>The authority answered with a web page (%1), not a time stamp.</source>
        <translation>The authority answered with a web page (%1), not a time stamp.</translation>
    </message>
    <message>
        <source>The secure connection to the authority failed (%1).</source>
        <translation>The secure connection to the authority failed (%1).</translation>
    </message>
    <message>
        <source>The authority could not be reached (%1).</source>
        <translation>The authority could not be reached (%1).</translation>
    </message>
    <message>
        <source>The connection to the authority broke off mid-answer (%1).</source>
        <translation>The connection to the authority broke off mid-answer (%1).</translation>
    </message>
    <message>
        <source>The connection to the authority failed (%1).</source>
        <translation>The connection to the authority failed (%1).</translation>
    </message>
    <message>
        <source>The authority&apos;s address is not usable (%1).</source>
        <translation>The authority&apos;s address is not usable (%1).</translation>
    </message>
    <message>
        <source>The authority sent far more data than a time stamp; it was refused.</source>
        <translation>The authority sent far more data than a time stamp; it was refused.</translation>
    </message>
    <message>
        <source>The authority sent an empty answer.</source>
        <translation>The authority sent an empty answer.</translation>
    </message>
    <message>
        <source>The authority&apos;s answer is not a time-stamp response (damaged or truncated).</source>
        <translation>The authority&apos;s answer is not a time-stamp response (damaged or truncated).</translation>
    </message>
    <message>
        <source>The authority refused to time-stamp (%1).</source>
        <translation>The authority refused to time-stamp (%1).</translation>
    </message>
    <message>
        <source>Not asked yet: %1</source>
        <translation>Not asked yet: %1</translation>
    </message>
    <message>
        <source>Asking the authority failed unexpectedly; ProofKit will ask again.</source>
        <translation>Asking the authority failed unexpectedly; ProofKit will ask again.</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <source>Only a fingerprint of your file leaves this computer — never the file itself.</source>
        <translation>Only a fingerprint of your file leaves this computer — never the file itself.</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>Drop a file or an evidence bundle here to verify it</source>
        <translation>Drop a file or an evidence bundle here to verify it</translation>
    </message>
    <message>
        <source>ProofKit computes the file&apos;s fingerprint on this computer and looks for time stamps of exactly this file in your ledger. Drop a bundle together with a file to check that file against it.</source>
        <translation>ProofKit computes the file&apos;s fingerprint on this computer and looks for time stamps of exactly this file in your ledger. Drop a bundle together with a file to check that file against it.</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Checking %1…</translation>
    </message>
    <message>
        <source>✔ This exact file was stamped on %1 by %2.</source>
        <translation>✔ This exact file was stamped on %1 by %2.</translation>
    </message>
    <message>
        <source>… This exact file was stamped, but the time stamp is still pending: it is not proof yet.</source>
        <translation>… This exact file was stamped, but the time stamp is still pending: it is not proof yet.</translation>
    </message>
    <message>
        <source>✖ This file is in the ledger, but none of its time stamps is valid.</source>
        <translation>✖ This file is in the ledger, but none of its time stamps is valid.</translation>
    </message>
    <message>
        <source>This file was never stamped.</source>
        <translation>This file was never stamped.</translation>
    </message>
    <message>
        <source>Fingerprint (SHA-256):</source>
        <translation>Fingerprint (SHA-256):</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>serial</source>
        <translation>serial</translation>
    </message>
    <message>
        <source>pending — not proof yet; ProofKit retries by itself.</source>
        <translation>pending — not proof yet; ProofKit retries by itself.</translation>
    </message>
    <message>
        <source>Another version of this work is in your ledger: “%1” (%2), stamped %3. This file differs from it — it may have been edited since.</source>
        <translation>Another version of this work is in your ledger: “%1” (%2), stamped %3. This file differs from it — it may have been edited since.</translation>
    </message>
    <message>
        <source>✔ The evidence bundle %1 verifies.</source>
        <translation>✔ The evidence bundle %1 verifies.</translation>
    </message>
    <message>
        <source>✖ The evidence bundle %1 does not verify.</source>
        <translation>✖ The evidence bundle %1 does not verify.</translation>
    </message>
    <message>
        <source>Evidence for “%1” by %2, exported %3.</source>
        <translation>Evidence for “%1” by %2, exported %3.</translation>
    </message>
    <message>
        <source>Evidence for “%1”, exported %3.</source>
        <translation>Evidence for “%1”, exported %3.</translation>
    </message>
    <message>
        <source>The bundle itself was altered or is incomplete:</source>
        <translation>The bundle itself was altered or is incomplete:</translation>
    </message>
    <message>
        <source>The bundle holds no time stamp.</source>
        <translation>The bundle holds no time stamp.</translation>
    </message>
    <message>
        <source>is exactly the content stamped in this bundle.</source>
        <translation>is exactly the content stamped in this bundle.</translation>
    </message>
    <message>
        <source>matches no file in this bundle: its content is different.</source>
        <translation>matches no file in this bundle: its content is different.</translation>
    </message>
    <message>
        <source>Trusted root</source>
        <translation>Trusted root</translation>
    </message>
    <message>
        <source>no valid time</source>
        <translation>no valid time</translation>
    </message>
    <message>
        <source>A root this computer does not trust is shown in the bundle&apos;s VERIFY.md with its fingerprint. If you have checked it and trust it, add it in Settings as an extra trusted root, then verify again.</source>
        <translation>A root this computer does not trust is shown in the bundle&apos;s VERIFY.md with its fingerprint. If you have checked it and trust it, add it in Settings as an extra trusted root, then verify again.</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to ProofKit</source>
        <translation>Welcome to ProofKit</translation>
    </message>
    <message>
        <source>Prove your work existed — on this date.</source>
        <translation>Prove your work existed — on this date.</translation>
    </message>
    <message>
        <source>Drop a manuscript, a chapter, a model or a whole folder. ProofKit computes its fingerprint (SHA-256) on this computer and asks independent time-stamping authorities to sign the time they saw it. The signed receipts stay in your ledger; an evidence bundle shows them to anyone, years later.</source>
        <translation>Drop a manuscript, a chapter, a model or a whole folder. ProofKit computes its fingerprint (SHA-256) on this computer and asks independent time-stamping authorities to sign the time they saw it. The signed receipts stay in your ledger; an evidence bundle shows them to anyone, years later.</translation>
    </message>
    <message>
        <source>ProofKit will ask these authorities (change them in Settings):</source>
        <translation>ProofKit will ask these authorities (change them in Settings):</translation>
    </message>
    <message>
        <source>No internet right now? Stamp anyway: the request waits as pending and ProofKit completes it by itself when the network returns. A pending stamp is not proof yet.</source>
        <translation>No internet right now? Stamp anyway: the request waits as pending and ProofKit completes it by itself when the network returns. A pending stamp is not proof yet.</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
</context>
</TS>

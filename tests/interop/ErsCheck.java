// Independent check of ProofKit's RFC 4998 evidence records with Bouncy Castle's ERS classes
// (Debian's libbcpkix-java). Run as a single-file program:
//   java -cp bcprov.jar:bcpkix.jar:bcutil.jar ErsCheck.java EPOCH_SECONDS RECORD.ers DATA.tsr [RECORD DATA]...
// Prints one line per pair: "OK <n> archive time-stamp(s)" when the record contains DATA
// (reduced hash tree and time-stamp imprint, as BC reads them, at EPOCH_SECONDS) and each ATS's
// signature verifies; "FAIL <BC's message>" otherwise. One JVM for all pairs (start-up is slow).
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Date;

import org.bouncycastle.asn1.tsp.ArchiveTimeStamp;
import org.bouncycastle.asn1.tsp.ArchiveTimeStampChain;
import org.bouncycastle.asn1.tsp.EvidenceRecord;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.ers.ERSArchiveTimeStamp;
import org.bouncycastle.tsp.ers.ERSByteData;
import org.bouncycastle.tsp.ers.ERSEvidenceRecord;

public class ErsCheck {
    public static void main(String[] args) throws Exception {
        Date at = new Date(Long.parseLong(args[0]) * 1000L);
        DigestCalculatorProvider dcp = new JcaDigestCalculatorProviderBuilder().build();
        for (int i = 1; i + 1 < args.length; i += 2) {
            System.out.println(check(Files.readAllBytes(Paths.get(args[i])),
                                     Files.readAllBytes(Paths.get(args[i + 1])), at, dcp));
        }
    }

    static String check(byte[] er, byte[] data, Date at, DigestCalculatorProvider dcp) {
        try {
            ERSEvidenceRecord rec = new ERSEvidenceRecord(er, dcp);
            rec.validatePresent(new ERSByteData(data), at);
            EvidenceRecord asn = EvidenceRecord.getInstance(er);
            int n = 0;
            for (ArchiveTimeStampChain chain : asn.getArchiveTimeStampSequence().getArchiveTimeStampChains()) {
                for (ArchiveTimeStamp ats : chain.getArchiveTimestamps()) {
                    ERSArchiveTimeStamp e = new ERSArchiveTimeStamp(ats, dcp);
                    X509CertificateHolder signer = e.getSigningCertificate();
                    e.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signer));
                    n++;
                }
            }
            return "OK " + n + " archive time-stamp(s)";
        } catch (Exception ex) {
            return "FAIL " + ex;
        }
    }
}

package dev.floorgate.core.internal.tls;

import dev.floorgate.core.CoreConfigurationException;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The core's own certificate when central IT gives none: made once (EC P-256, valid 10 years, for the host name,
 * localhost, 127.0.0.1, ::1 and {@code fg.core.tls.names}) into {@code fg.core.tls.dir} as {@code core-cert.pem}
 * and {@code core-key.pem} (owner-only), and read from there at every later start, so the fingerprint the gateways
 * pinned stays valid across restarts. Long validity because nothing renews it: it is trusted by pin or as a file,
 * not through a public CA. Delete both files to make a new one (and give the gateways its fingerprint).
 */
final class SelfSignedCertificate {
    static final String CERT_FILE = "core-cert.pem";
    static final String KEY_FILE = "core-key.pem";
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private SelfSignedCertificate() {
    }

    /** The certificate and key files in {@code dir}, made when neither exists. */
    static Path[] ensure(Path dir, String extraNames) {
        Path cert = dir.resolve(CERT_FILE);
        Path key = dir.resolve(KEY_FILE);
        boolean hasCert = Files.exists(cert);
        boolean hasKey = Files.exists(key);
        if (hasCert && hasKey) {
            return new Path[] {cert, key};
        }
        if (hasCert || hasKey) {
            throw new CoreConfigurationException("fg.core.tls.dir (" + dir.toAbsolutePath() + "): " + (hasCert
                    ? KEY_FILE + " is missing beside " + CERT_FILE : CERT_FILE + " is missing beside " + KEY_FILE)
                    + "; restore it, or delete both to make a new certificate (the gateways must then pin the new "
                    + "fingerprint)");
        }
        try {
            Files.createDirectories(dir);
            ownerOnly(dir, "rwx------");
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = g.generateKeyPair();
            X509Certificate certificate = issue(pair, names(extraNames), Instant.now());
            writeAtomically(key, pem(new JcaPKCS8Generator(pair.getPrivate(), null)), "rw-------"); // PKCS#8
            writeAtomically(cert, Fingerprints.pem(certificate), "rw-r--r--");
            return new Path[] {cert, key};
        } catch (IOException e) {
            throw new CoreConfigurationException("fg.core.tls.dir (" + dir.toAbsolutePath() + "): cannot write the "
                    + "self-signed certificate: " + e.getMessage() + "; make the folder writable by the core's user",
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("making the self-signed certificate failed: " + e.getMessage(), e);
        }
    }

    static List<String> names(String extra) {
        Set<String> names = new LinkedHashSet<>();
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            // no resolvable host name: the other names still work
        }
        names.add("localhost");
        names.add("127.0.0.1");
        names.add("::1");
        if (extra != null) {
            for (String n : extra.split(",")) {
                if (!n.isBlank()) {
                    names.add(n.trim());
                }
            }
        }
        return new ArrayList<>(names);
    }

    static X509Certificate issue(KeyPair pair, List<String> names, Instant now) throws GeneralSecurityException {
        X500Name subject = new X500Name("O=FloorGate,CN=" + names.get(0).replace(",", "\\,").replace("=", "\\=")
                + " (FloorGate core)");
        List<GeneralName> san = new ArrayList<>();
        for (String n : names) {
            san.add(new GeneralName(isIp(n) ? GeneralName.iPAddress : GeneralName.dNSName, n));
        }
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san.toArray(new GeneralName[0])));
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static boolean isIp(String n) {
        return n.matches("[0-9.]+") || n.contains(":");
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

    private static void writeAtomically(Path file, String text, String permissions) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        ownerOnly(tmp, "rw-------");
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        ownerOnly(tmp, permissions);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}

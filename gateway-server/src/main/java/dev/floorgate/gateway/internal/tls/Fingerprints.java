package dev.floorgate.gateway.internal.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The ways a certificate is named to people and devices: the SHA-256 fingerprint (what Android's and browsers'
 * certificate viewers show), the base64 SHA-256 of its public key (SPKI pin: what Chrome's
 * {@code --ignore-certificate-errors-spki-list} and OkHttp's CertificatePinner take), and PEM text.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    /** {@code AB:CD:...}: the SHA-256 of the DER certificate, upper-case hex in colon-separated pairs. */
    public static String sha256(X509Certificate cert) {
        String hex = sha256Hex(cert).toUpperCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(hex.length() * 3 / 2);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString();
    }

    /** The SHA-256 of the DER certificate as 64 lower-case hex digits (the enrollment QR's {@code fp}). */
    public static String sha256Hex(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(digest(cert.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate " + cert.getSubjectX500Principal() + " cannot be encoded", e);
        }
    }

    /** base64(SHA-256(SubjectPublicKeyInfo)). */
    public static String spkiSha256(X509Certificate cert) {
        return Base64.getEncoder().encodeToString(digest(cert.getPublicKey().getEncoded()));
    }

    /** The certificate as PEM text. */
    public static String pem(X509Certificate cert) {
        try {
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(cert.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate " + cert.getSubjectX500Principal() + " cannot be encoded", e);
        }
    }

    /** The permitted subtrees of a CA's name constraints (empty when it has none). */
    static List<GeneralName> permittedSubtrees(X509Certificate ca) {
        List<GeneralName> out = new ArrayList<>();
        byte[] ext = ca.getExtensionValue(Extension.nameConstraints.getId());
        if (ext == null) {
            return out;
        }
        try {
            ASN1Primitive value = JcaX509ExtensionUtils.parseExtensionValue(ext);
            GeneralSubtree[] permitted = NameConstraints.getInstance(value).getPermittedSubtrees();
            if (permitted != null) {
                for (GeneralSubtree t : permitted) {
                    out.add(t.getBase());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the name constraints of " + ca.getSubjectX500Principal()
                    + " cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}

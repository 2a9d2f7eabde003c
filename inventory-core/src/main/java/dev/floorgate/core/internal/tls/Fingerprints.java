package dev.floorgate.core.internal.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How the core's certificate is named to whoever pins it: the SHA-256 of the certificate (colon-separated hex, as
 * {@code openssl x509 -fingerprint -sha256} prints it) and the base64 SHA-256 of its public key (the SPKI pin OkHttp's
 * CertificatePinner takes, which survives a renewal with the same key).
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    public static String sha256(X509Certificate cert) {
        String hex = HexFormat.of().withUpperCase().formatHex(digest(encoded(cert)));
        StringBuilder sb = new StringBuilder(hex.length() * 3 / 2);
        for (int i = 0; i < hex.length(); i += 2) {
            sb.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    public static String spkiSha256(X509Certificate cert) {
        return Base64.getEncoder().encodeToString(digest(cert.getPublicKey().getEncoded()));
    }

    static String pem(X509Certificate cert) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(encoded(cert));
        return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate " + cert.getSubjectX500Principal() + " cannot be encoded", e);
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this platform", e);
        }
    }
}

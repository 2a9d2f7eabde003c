package dev.floorgate.core.internal.tls;

import dev.floorgate.core.CoreConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads the PEM files of {@code fg.core.tls.*}. Every problem is one {@link CoreConfigurationException} line naming
 * the setting, the file and what is wrong (missing, unreadable, not PEM, no certificate, encrypted key, a key that
 * does not belong to the certificate), so a refused start says what to fix.
 */
final class PemFiles {
    private PemFiles() {
    }

    /** Every certificate of a PEM file, in file order (leaf first for a chain). */
    static List<X509Certificate> certificates(String setting, Path file) {
        List<X509Certificate> certs = new ArrayList<>();
        for (Object o : objects(setting, file)) {
            if (o instanceof X509CertificateHolder h) {
                try {
                    certs.add(new JcaX509CertificateConverter().getCertificate(h));
                } catch (GeneralSecurityException e) {
                    throw refuse(setting, file, "certificate " + certs.size() + " cannot be read: " + e.getMessage(),
                            e);
                }
            }
        }
        if (certs.isEmpty()) {
            throw refuse(setting, file, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)", null);
        }
        return certs;
    }

    /** The one private key of a PEM file (PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted). */
    static PrivateKey privateKey(String setting, Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object o : objects(setting, file)) {
            try {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo()); // SEC1/PKCS#1; the public half may be absent
                }
            } catch (IOException e) {
                throw refuse(setting, file, "the private key cannot be read: " + e.getMessage(), e);
            }
            if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                throw refuse(setting, file, "the private key is encrypted; give the core an unencrypted key readable "
                        + "only by its user (openssl pkey -in KEY -out core-key.pem; chmod 600 core-key.pem)", null);
            }
        }
        throw refuse(setting, file, "holds no PEM private key (-----BEGIN PRIVATE KEY-----)", null);
    }

    /** Refuses a key that does not belong to the certificate: it signs a challenge the certificate's key verifies. */
    static void requireMatch(PrivateKey key, X509Certificate cert, String keySetting, Path keyFile) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw refuse(keySetting, keyFile, "keys of type " + key.getAlgorithm() + " are not supported "
                    + "(RSA, EC or Ed25519)", null);
        };
        byte[] challenge = "floorgate core tls key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false; // e.g. an RSA key beside an EC certificate
        }
        if (!matches) {
            throw refuse(keySetting, keyFile, "the private key does not belong to the certificate "
                    + cert.getSubjectX500Principal() + " (SHA-256 " + Fingerprints.sha256(cert) + ")", null);
        }
    }

    private static List<Object> objects(String setting, Path file) {
        List<Object> all = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(in)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                all.add(o);
            }
        } catch (NoSuchFileException e) {
            throw refuse(setting, file, "no such file", e);
        } catch (IOException | RuntimeException e) {
            throw refuse(setting, file, Files.isReadable(file) ? "is not a PEM file: " + e.getMessage()
                    : "cannot be read by this user: " + e.getMessage(), e);
        }
        return all;
    }

    static CoreConfigurationException refuse(String setting, Path file, String problem, Throwable cause) {
        return new CoreConfigurationException(setting + " (" + file.toAbsolutePath() + "): " + problem, cause);
    }
}

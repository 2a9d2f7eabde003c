package dev.floorgate.core.internal.tls;

import dev.floorgate.core.CoreConfigurationException;
import dev.floorgate.core.TlsConfiguration;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's HTTPS material, read and checked once at start: the key store Micronaut's listener serves (in memory,
 * made from the PEM files or the self-signed certificate) and, for mutual TLS, the trust store of
 * {@code fg.core.tls.client-ca}. Logs the certificate's SHA-256 fingerprint and SPKI pin so central IT can pin it.
 */
public final class CoreTls {
    private static final Logger LOG = LoggerFactory.getLogger(CoreTls.class);
    /** Password of the in-memory key store only; nothing is stored with it. */
    static final char[] IN_MEMORY_PASSWORD = "floorgate-in-memory".toCharArray();
    static final String ALIAS = "core";

    private final KeyStore keyStore;
    private final KeyStore trustStore;
    private final X509Certificate certificate;

    private CoreTls(KeyStore keyStore, KeyStore trustStore, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
        this.certificate = certificate;
    }

    /** @throws CoreConfigurationException naming the setting and file at the first problem */
    public static CoreTls load(TlsConfiguration config) {
        boolean hasCert = config.getCert() != null && !config.getCert().isBlank();
        boolean hasKey = config.getKey() != null && !config.getKey().isBlank();
        if (hasCert != hasKey) {
            throw new CoreConfigurationException("fg.core.tls." + (hasCert ? "key" : "cert") + " is unset while fg.core"
                    + ".tls." + (hasCert ? "cert" : "key") + " is set; fix: set both (PEM files of the certificate and "
                    + "its key), or neither for a self-signed certificate in fg.core.tls.dir");
        }
        String certSetting = hasCert ? "fg.core.tls.cert" : "fg.core.tls.dir";
        String keySetting = hasKey ? "fg.core.tls.key" : "fg.core.tls.dir";
        Path certFile;
        Path keyFile;
        if (hasCert) {
            certFile = Path.of(config.getCert());
            keyFile = Path.of(config.getKey());
        } else {
            Path[] made = SelfSignedCertificate.ensure(Path.of(config.getDir()), config.getNames());
            certFile = made[0];
            keyFile = made[1];
        }
        List<X509Certificate> chain = PemFiles.certificates(certSetting, certFile);
        PrivateKey key = PemFiles.privateKey(keySetting, keyFile);
        PemFiles.requireMatch(key, chain.get(0), keySetting, keyFile);
        X509Certificate leaf = chain.get(0);
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            // refused by every client; still start, so /health and the log say why the gateways cannot connect
            LOG.error("the core's TLS certificate {} is not valid now ({} .. {}): gateways will refuse it; renew it",
                    certFile, leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        }
        KeyStore trust = null;
        if (config.getClientCa() != null && !config.getClientCa().isBlank()) {
            Path caFile = Path.of(config.getClientCa());
            trust = trustStore(PemFiles.certificates("fg.core.tls.client-ca", caFile));
        }
        LOG.info("HTTPS certificate {} ({}): SHA-256 fingerprint {}, SPKI pin sha256/{}, valid until {}{}",
                certFile.toAbsolutePath(), hasCert ? "given" : "self-signed", Fingerprints.sha256(leaf),
                Fingerprints.spkiSha256(leaf), leaf.getNotAfter().toInstant(),
                trust == null ? "" : "; client certificates required (fg.core.tls.client-ca " + config.getClientCa()
                        + ")");
        return new CoreTls(keyStore(key, chain), trust, leaf);
    }

    private static KeyStore keyStore(PrivateKey key, List<X509Certificate> chain) {
        try {
            KeyStore ks = emptyStore();
            ks.setKeyEntry(ALIAS, key, IN_MEMORY_PASSWORD, chain.toArray(new X509Certificate[0]));
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot put the HTTPS key in a key store: " + e.getMessage(), e);
        }
    }

    private static KeyStore trustStore(List<X509Certificate> cas) {
        try {
            KeyStore ks = emptyStore();
            for (int i = 0; i < cas.size(); i++) {
                ks.setCertificateEntry("client-ca-" + i, cas.get(i));
            }
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot put the client CA in a trust store: " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty PKCS12 key store", e);
        }
        return ks;
    }

    KeyStore keyStore() {
        return keyStore;
    }

    /** The trust store of the client CA, or null without mutual TLS. */
    KeyStore trustStore() {
        return trustStore;
    }

    public X509Certificate certificate() {
        return certificate;
    }
}

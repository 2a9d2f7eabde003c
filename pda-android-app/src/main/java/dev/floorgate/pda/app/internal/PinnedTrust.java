package dev.floorgate.pda.app.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

/**
 * Trusts one CA: the gateway's site CA whose SHA-256 came in the enrollment QR. The gateway serves the chain
 * [server certificate, site CA]; the certificate in it whose fingerprint matches the pin becomes the only trust
 * anchor of a standard PKIX check of that chain (signatures, validity dates, key usage), and OkHttp still checks
 * the host name against the server certificate. The device's own CA store is not consulted, so neither a public CA
 * nor a user-installed one can stand in for the gateway.
 */
public final class PinnedTrust implements X509TrustManager {
    private final String pinHex;

    public PinnedTrust(String pinHex) {
        if (pinHex == null || pinHex.length() < EnrollmentLink.MIN_TYPED_PIN_HEX) {
            throw new IllegalStateException("a CA pin needs at least " + EnrollmentLink.MIN_TYPED_PIN_HEX
                    + " hex digits, got " + (pinHex == null ? "none" : pinHex.length()));
        }
        this.pinHex = pinHex;
    }

    /** An OkHttp client for the gateway: HTTPS only, this trust, the client library's timeouts. */
    public static OkHttpClient httpClient(String pinHex) {
        PinnedTrust trust = new PinnedTrust(pinHex);
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust}, null);
            return new OkHttpClient.Builder()
                    .sslSocketFactory(tls.getSocketFactory(), trust)
                    .connectionSpecs(java.util.Arrays.asList(ConnectionSpec.MODERN_TLS))
                    .connectTimeout(5, TimeUnit.SECONDS)
                    .readTimeout(15, TimeUnit.SECONDS)
                    .writeTimeout(15, TimeUnit.SECONDS)
                    .callTimeout(30, TimeUnit.SECONDS)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available on this device: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the gateway sent no certificate");
        }
        X509Certificate anchor = null;
        for (X509Certificate c : chain) {
            if (sha256Hex(c).startsWith(pinHex)) {
                anchor = c;
            }
        }
        if (anchor == null) {
            throw new CertificateException("the gateway's certificate chain does not contain the site CA from the "
                    + "enrollment QR (SHA-256 " + pinHex.substring(0, 16) + "...; the chain's last is "
                    + sha256Hex(chain[chain.length - 1]).substring(0, 16) + "...): not the enrolled gateway");
        }
        anchored(anchor).checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the picker app does not accept client connections");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private static X509TrustManager anchored(X509Certificate ca) throws CertificateException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("site-ca", ca);
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager) {
                    return (X509TrustManager) tm;
                }
            }
            throw new CertificateException("no X.509 trust manager on this device");
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new CertificateException("cannot check the chain against the site CA: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the DER certificate, lower-case hex: the form of the QR's fp= and Fingerprints.sha256Hex. */
    public static String sha256Hex(X509Certificate c) throws CertificateException {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            StringBuilder sb = new StringBuilder(64);
            for (byte b : d) {
                sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new CertificateException("cannot fingerprint a certificate: " + e.getMessage(), e);
        }
    }
}

package dev.floorgate.sync;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * How the gateway verifies an https:// core, in plain JSSE (no extra library):
 *
 * <ul>
 *   <li>{@code caFile}: PEM certificates to trust instead of the JDK's CAs (central IT's CA, or the core's own
 *       self-signed certificate); the host name is checked against the certificate as usual.</li>
 *   <li>{@code pins}: one or more (comma-separated) fingerprints of the core's certificate, each either
 *       {@code sha256/<base64>} of its public key (SPKI; OkHttp's and Chrome's form, survives a renewal with the
 *       same key) or the SHA-256 of the whole certificate in hex, colons optional (what certificate viewers show).
 *       With a pin and no CA file the pin alone decides (a self-signed core, any host name); with both, the chain
 *       must verify against the CA file and the leaf must match a pin.</li>
 *   <li>{@code clientCert} + {@code clientKey}: PEM certificate (chain) and PKCS#8 PEM private key
 *       ({@code -----BEGIN PRIVATE KEY-----}; {@code openssl pkcs8 -topk8 -nocrypt} converts others) presented for
 *       mutual TLS.</li>
 * </ul>
 * Every problem with a file or pin is an IOException naming the setting ({@code fg.core.tls.*}).
 */
public final class CoreTls {
    /** TLS alerts by which the core refuses the gateway's (missing or unknown) client certificate. */
    private static final Pattern CERTIFICATE_ALERT = Pattern.compile(
            "certificate_required|bad_certificate|unknown_ca|certificate_unknown|unsupported_certificate"
                    + "|access_denied");
    private final Path caFile;
    private final List<String> pins;
    private final Path clientCert;
    private final Path clientKey;

    private CoreTls(Path caFile, List<String> pins, Path clientCert, Path clientKey) {
        this.caFile = caFile;
        this.pins = pins;
        this.clientCert = clientCert;
        this.clientKey = clientKey;
    }

    /**
     * @param caFile     PEM certificates to trust, or null
     * @param pins       comma-separated pins, or null/blank
     * @param clientCert PEM client certificate for mutual TLS, or null
     * @param clientKey  its PKCS#8 PEM key; set exactly when clientCert is
     */
    public static CoreTls of(Path caFile, String pins, Path clientCert, Path clientKey) {
        List<String> list = new ArrayList<>();
        if (pins != null) {
            for (String p : pins.split(",")) {
                if (!p.trim().isEmpty()) {
                    list.add(p.trim());
                }
            }
        }
        return new CoreTls(caFile, List.copyOf(list), clientCert, clientKey);
    }

    public boolean isEmpty() {
        return caFile == null && pins.isEmpty() && clientCert == null && clientKey == null;
    }

    /** Checks every file and pin; the same checks {@link #apply} makes. */
    public void check() throws IOException {
        apply(new OkHttpClient.Builder());
    }

    /** Sets the client's socket factory, trust and host name check. */
    public void apply(OkHttpClient.Builder builder) throws IOException {
        if ((clientCert == null) != (clientKey == null)) {
            throw new IOException("fg.core.tls.client-cert and fg.core.tls.client-key go together; only "
                    + (clientCert == null ? "client-key" : "client-cert") + " is set");
        }
        List<byte[]> pinHashes = new ArrayList<>();
        List<Boolean> pinIsSpki = new ArrayList<>();
        for (String pin : pins) {
            parsePin(pin, pinHashes, pinIsSpki);
        }
        try {
            X509TrustManager trust = caFile != null ? trustManager(caKeyStore(caFile))
                    : pinHashes.isEmpty() ? trustManager(null) : null;
            X509TrustManager effective = pinHashes.isEmpty() ? trust
                    : new PinningTrustManager(trust, pinHashes, pinIsSpki);
            KeyManager[] keys = clientCert == null ? null : keyManagers(clientCert, clientKey);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[] {effective}, null);
            builder.sslSocketFactory(context.getSocketFactory(), effective);
            if (trust == null) {
                // The pinned key identifies the core; a self-signed certificate need not name the host.
                builder.hostnameVerifier((host, session) -> true);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS toward the core: " + e, e);
        }
    }

    /**
     * Why the core's TLS was refused, in words that name the setting to check ("the certificate ... matches none of
     * the pins in fg.core.tls.pin"), or null when {@code failure} is no TLS refusal (a refused connection, a
     * timeout). One line, no stack trace: for logs, /health and the site page.
     */
    public static String refusal(Throwable failure) {
        String why = refusalReason(failure);
        return why == null ? null : why.replaceAll("\\s+", " ").trim(); // OkHttp's host name message has lines
    }

    private static String refusalReason(Throwable failure) {
        boolean tls = false;
        String pinMessage = null;
        boolean untrusted = false;
        boolean expired = false;
        boolean hostname = false;
        String last = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            // a handshake the client refused, or one the core refused with a certificate alert; an SSLException
            // on an established connection (a reset) is a transport failure, not a refusal
            if (t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException
                    || t instanceof SSLException && (CERTIFICATE_ALERT.matcher(m).find()
                    || m.contains("Unsupported or unrecognized SSL message"))) {
                tls = true;
                last = m;
            }
            if (m.contains("fg.core.tls.pin")) {
                pinMessage = m;
            }
            if (t instanceof CertPathValidatorException
                    || t instanceof CertPathBuilderException
                    || m.contains("unable to find valid certification path")) {
                untrusted = true;
            }
            if (t instanceof CertificateExpiredException
                    || t instanceof CertificateNotYetValidException) {
                expired = true;
            }
            if (t instanceof SSLPeerUnverifiedException && m.startsWith("Hostname ")) {
                hostname = true;
            }
        }
        if (!tls) {
            return null;
        }
        if (pinMessage != null) {
            return "the certificate does not match fg.core.tls.pin (" + pinMessage + ")";
        }
        if (expired) {
            return "the core's certificate is expired or not yet valid: renew it on the core, or check the clocks";
        }
        if (untrusted) {
            return "the core's certificate is not signed by fg.core.tls.ca-file (nor, when that is unset, by a CA "
                    + "the JVM trusts): set fg.core.tls.ca-file to the CA that signed it, or pin it with "
                    + "fg.core.tls.pin";
        }
        if (hostname) {
            return "the core's certificate does not name the host in fg.core.url (" + last + "): use the name it "
                    + "was issued for, or pin it with fg.core.tls.pin";
        }
        if (last != null && CERTIFICATE_ALERT.matcher(last).find()) {
            return "the core refused this gateway's certificate (" + last + "): check fg.core.tls.client-cert and "
                    + "fg.core.tls.client-key against the CA the core trusts";
        }
        return "handshake failed (" + last + "): check fg.core.tls.* and that fg.core.url points at the core's "
                + "TLS port";
    }

    private static void parsePin(String pin, List<byte[]> hashes, List<Boolean> spki) throws IOException {
        try {
            if (pin.startsWith("sha256/")) {
                byte[] h = Base64.getDecoder().decode(pin.substring("sha256/".length()));
                if (h.length == 32) {
                    hashes.add(h);
                    spki.add(true);
                    return;
                }
            } else {
                String hex = pin.replace(":", "").toLowerCase(Locale.ROOT);
                if (hex.length() == 64) {
                    hashes.add(HexFormat.of().parseHex(hex));
                    spki.add(false);
                    return;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the one message below
        }
        throw new IOException("fg.core.tls.pin '" + pin + "' is neither sha256/<base64 of 32 bytes> (public key) nor"
                + " 64 hex digits (certificate SHA-256)");
    }

    private static KeyStore caKeyStore(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> certs = readCertificates(file, "fg.core.tls.ca-file");
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        for (int i = 0; i < certs.size(); i++) {
            ks.setCertificateEntry("ca-" + i, certs.get(i));
        }
        return ks;
    }

    private static X509TrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager) {
                return (X509TrustManager) tm;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager among " + List.of(tmf.getTrustManagers()));
    }

    private static List<X509Certificate> readCertificates(Path file, String setting) throws IOException {
        byte[] bytes = readFile(file, setting);
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : read) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new IOException(setting + " " + file + " holds no PEM certificate");
            }
            return certs;
        } catch (CertificateException e) {
            throw new IOException(setting + " " + file + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(Path certFile, Path keyFile) throws IOException,
            GeneralSecurityException {
        List<X509Certificate> chain = readCertificates(certFile, "fg.core.tls.client-cert");
        PrivateKey key = readKey(keyFile);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] password = new char[0];
        ks.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        return kmf.getKeyManagers();
    }

    private static PrivateKey readKey(Path file) throws IOException {
        String text = new String(readFile(file, "fg.core.tls.client-key"), StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException("fg.core.tls.client-key " + file + " is not a PKCS#8 PEM key (-----BEGIN PRIVATE "
                    + "KEY-----); convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8.pem");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        } catch (IllegalArgumentException e) {
            throw new IOException("fg.core.tls.client-key " + file + " has broken base64: " + e.getMessage(), e);
        }
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IOException("fg.core.tls.client-key " + file + " is not an RSA, EC or Ed25519 PKCS#8 key");
    }

    private static byte[] readFile(Path file, String setting) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException(setting + " " + file + " cannot be read: " + e, e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** Accepts a server only when its leaf certificate matches a pin (and the delegate's chain check, if any). */
    private static final class PinningTrustManager implements X509TrustManager {
        private final X509TrustManager delegate;
        private final List<byte[]> hashes;
        private final List<Boolean> spki;

        PinningTrustManager(X509TrustManager delegate, List<byte[]> hashes, List<Boolean> spki) {
            this.delegate = delegate;
            this.hashes = hashes;
            this.spki = spki;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the gateway's core link does not accept clients");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the core presented no certificate");
            }
            if (delegate != null) {
                delegate.checkServerTrusted(chain, authType);
            }
            X509Certificate leaf = chain[0];
            byte[] key = sha256(leaf.getPublicKey().getEncoded());
            byte[] whole = sha256(leaf.getEncoded());
            for (int i = 0; i < hashes.size(); i++) {
                if (MessageDigest.isEqual(hashes.get(i), spki.get(i) ? key : whole)) {
                    return;
                }
            }
            throw new CertificateException("the core's certificate " + leaf.getSubjectX500Principal()
                    + " (public key sha256/" + Base64.getEncoder().encodeToString(key) + ", certificate SHA-256 "
                    + HexFormat.of().formatHex(whole) + ") matches none of the " + hashes.size()
                    + " pin(s) in fg.core.tls.pin");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate == null ? new X509Certificate[0] : delegate.getAcceptedIssuers();
        }
    }
}

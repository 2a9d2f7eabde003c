package dev.floorgate.gateway.internal.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate the gateway serves HTTPS with, and the CA that LAN devices trust for it.
 *
 * <p>Either site IT gives a key store ({@code fg.tls.key-store}: served as it is, re-read when the file changes), or
 * the gateway keeps its own site CA under {@code <fg.data-dir>/tls/}:
 * <pre>
 * tls/site-ca.p12   PKCS12, alias "site-ca": the CA's EC P-256 key and self-signed certificate (10 years,
 *                   name-constrained to LAN names, see {@link CertificateIssuer}). Made once, never replaced by the
 *                   gateway: PDAs have installed it.
 * tls/server.p12    PKCS12, alias "server": the server key and the chain [server certificate, CA certificate].
 *                   Issued again when it expires within fg.tls.renew-before, when it lacks a current name or
 *                   address of the machine, or when it was not signed by site-ca.p12.
 * </pre>
 * Both are written to a {@code .tmp} file, forced to disk and renamed over the old one, with owner-only permissions.
 * A crash leaves the old file or the new one, never half of one: a stray {@code .tmp} is overwritten next time. The
 * CA is written before any server certificate it signs, so a crash between the two leaves a CA and no server
 * certificate, and the next start issues one. A CA file that exists but cannot be read stops the start, naming the
 * file: silently making a new CA would cut off every PDA that trusts the old one.
 *
 * <p>A check every {@code fg.tls.check-interval} re-issues (or re-reads) the certificate and tells the
 * {@link #onChange listeners}; the HTTPS listener then serves the new one without a restart.
 */
public final class SiteCertificates implements AutoCloseable {
    static final String CA_FILE = "site-ca.p12";
    static final String SERVER_FILE = "server.p12";
    static final String CA_ALIAS = "site-ca";
    static final String SERVER_ALIAS = "server";
    private static final Logger LOG = LoggerFactory.getLogger(SiteCertificates.class);

    /** The key and chain being served. */
    public record Served(PrivateKey key, X509Certificate[] chain) {
        public X509Certificate leaf() {
            return chain[0];
        }

        /** The CA a client should trust: the last certificate of the chain. */
        public X509Certificate root() {
            return chain[chain.length - 1];
        }
    }

    private final TlsConfiguration config;
    private final Path dir;
    private final String gatewayName;
    private final Clock clock;
    private final CertificateIssuer issuer = new CertificateIssuer();
    private final List<Consumer<Served>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService checker;
    private volatile Served served;
    private volatile FileTime providedModified;
    private List<String> lastRefused = List.of();

    /**
     * @param dir         where the gateway's own CA and server certificate live ({@code <fg.data-dir>/tls})
     * @param gatewayName the gateway's id, named in its CA
     */
    public SiteCertificates(TlsConfiguration config, Path dir, String gatewayName, Clock clock) {
        this.config = config;
        this.dir = dir;
        this.gatewayName = gatewayName;
        this.clock = clock;
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fg-tls-check");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Reads site IT's key store, or makes (or renews) the gateway's own certificate, then checks it every
     * {@code fg.tls.check-interval}.
     *
     * @return this, for the wiring
     * @throws IllegalStateException when no certificate can be read or made
     */
    public SiteCertificates start() {
        try {
            served = provided() ? readProvided() : ensureGenerated();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("HTTPS certificate: " + e.getMessage(), e);
        }
        LOG.info("HTTPS certificate for {} valid until {}; site CA SHA-256 fingerprint {}", names(served.leaf()),
                served.leaf().getNotAfter().toInstant(), Fingerprints.sha256(served.root()));
        long every = Math.max(1000, config.getCheckInterval().toMillis());
        checker.scheduleWithFixedDelay(this::checkQuietly, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Whether the key store comes from site IT ({@code fg.tls.key-store}) rather than the gateway's own CA. */
    public boolean provided() {
        return config.getKeyStore() != null && !config.getKeyStore().isBlank();
    }

    public Served served() {
        return served;
    }

    /** The certificate LAN devices install or pin. */
    public X509Certificate caCertificate() {
        return served.root();
    }

    /** The directory of the generated files. */
    public Path directory() {
        return dir;
    }

    /** Calls {@code listener} (from the check thread) whenever another certificate is served. */
    public void onChange(Consumer<Served> listener) {
        listeners.add(listener);
    }

    /**
     * Issues or re-reads the certificate if needed; true when another one is now served.
     *
     * @throws IOException when a file cannot be read or written
     */
    public synchronized boolean check() throws IOException, GeneralSecurityException {
        Served next;
        if (provided()) {
            FileTime modified = Files.getLastModifiedTime(Paths.get(config.getKeyStore()));
            if (modified.equals(providedModified)) {
                return false;
            }
            next = readProvided();
        } else {
            next = ensureGenerated();
        }
        if (next.leaf().equals(served.leaf())) {
            return false;
        }
        served = next;
        LOG.info("HTTPS certificate renewed for {}, valid until {}", names(next.leaf()),
                next.leaf().getNotAfter().toInstant());
        for (Consumer<Served> l : listeners) {
            l.accept(next);
        }
        return true;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.warn("HTTPS certificate check failed; still serving the certificate valid until {}: {}",
                    served.leaf().getNotAfter().toInstant(), e.toString());
        }
    }

    private Served readProvided() throws IOException, GeneralSecurityException {
        Path file = Paths.get(config.getKeyStore()).toAbsolutePath();
        char[] password = config.getKeyStorePassword().toCharArray();
        providedModified = Files.getLastModifiedTime(file);
        KeyStoreFiles.Entry entry = KeyStoreFiles.read(file, config.getKeyStoreType(), password,
                config.getKeyAlias(), "fg.tls.key-store");
        return new Served(entry.key(), entry.chain());
    }

    private Served ensureGenerated() throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        KeyStoreFiles.ownerOnly(dir, true);
        char[] password = config.getStorePassword().toCharArray();
        Path caFile = dir.resolve(CA_FILE);
        Instant now = clock.instant();
        KeyStoreFiles.Entry ca;
        if (Files.exists(caFile)) {
            try {
                ca = KeyStoreFiles.read(caFile, "PKCS12", password, CA_ALIAS, caFile.toString());
            } catch (IOException | GeneralSecurityException e) {
                throw new IOException("the site CA " + caFile + " cannot be read (" + e.getMessage() + "). Restore it "
                        + "from a backup, or delete " + dir + " to make a new CA and install that on every PDA", e);
            }
        } else {
            KeyPair keys = issuer.newKeyPair();
            List<String> caNames = HostNames.certificateNames(config.getNames());
            X509Certificate cert = issuer.issueCa(keys, gatewayName, caNames, now, config.getCaValidity());
            KeyStoreFiles.write(caFile, CA_ALIAS, keys.getPrivate(), new X509Certificate[] {cert}, password);
            ca = new KeyStoreFiles.Entry(keys.getPrivate(), new X509Certificate[] {cert});
            LOG.info("made a new site CA in {} (SHA-256 {}); install it on the PDAs (README: HTTPS and PDAs)",
                    caFile, Fingerprints.sha256(cert));
        }
        X509Certificate caCert = ca.chain()[0];
        List<String> wanted = wantedNames(caCert);
        Path serverFile = dir.resolve(SERVER_FILE);
        if (Files.exists(serverFile)) {
            try {
                KeyStoreFiles.Entry server = KeyStoreFiles.read(serverFile, "PKCS12", password, SERVER_ALIAS,
                        serverFile.toString());
                String why = reissueReason(server.chain(), caCert, wanted, now);
                if (why == null) {
                    return new Served(server.key(), server.chain());
                }
                LOG.info("issuing a new HTTPS certificate: {}", why);
            } catch (IOException | GeneralSecurityException e) {
                LOG.warn("{} cannot be read ({}); issuing a new server certificate", serverFile, e.getMessage());
            }
        }
        KeyPair keys = issuer.newKeyPair();
        X509Certificate cert = issuer.issueServer(keys, wanted, caCert, ca.key(), now, config.getServerValidity());
        X509Certificate[] chain = {cert, caCert};
        KeyStoreFiles.write(serverFile, SERVER_ALIAS, keys.getPrivate(), chain, password);
        return new Served(keys.getPrivate(), chain);
    }

    /** The machine's names that the CA may vouch for; the others are left out (and logged when they change). */
    private List<String> wantedNames(X509Certificate ca) {
        List<org.bouncycastle.asn1.x509.GeneralName> subtrees = Fingerprints.permittedSubtrees(ca);
        List<String> out = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String n : HostNames.certificateNames(config.getNames())) {
            (CertificateIssuer.permitted(n, subtrees) ? out : refused).add(n);
        }
        if (!refused.isEmpty() && !refused.equals(lastRefused)) {
            LOG.warn("left out of the HTTPS certificate because the site CA may not vouch for them: {}. To use them, "
                    + "list them in fg.tls.names, delete {} and install the new site CA on the PDAs", refused, dir);
        }
        lastRefused = refused;
        return out;
    }

    /** Why a stored server certificate must be issued again, or null when it is good. */
    String reissueReason(X509Certificate[] chain, X509Certificate ca, List<String> wanted, Instant now) {
        X509Certificate leaf = chain[0];
        try {
            leaf.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            return "it was not signed by the site CA";
        }
        if (!leaf.getNotAfter().toInstant().isAfter(now.plus(config.getRenewBefore()))) {
            return "it expires at " + leaf.getNotAfter().toInstant();
        }
        List<String> has = CertificateIssuer.subjectAltNames(leaf);
        List<String> missing = new ArrayList<>();
        for (String n : wanted) {
            if (!has.contains(n)) {
                missing.add(n);
            }
        }
        return missing.isEmpty() ? null : "it lacks " + missing;
    }

    private static List<String> names(X509Certificate cert) {
        return CertificateIssuer.subjectAltNames(cert);
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}

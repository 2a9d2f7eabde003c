package dev.floorgate.gateway.internal.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;

/** Reads and writes one key entry of a PKCS12 (or JKS) file; writes are atomic and owner-only. */
final class KeyStoreFiles {
    /** A private key with its certificate chain, leaf first. */
    record Entry(PrivateKey key, X509Certificate[] chain) {
    }

    private KeyStoreFiles() {
    }

    /**
     * The key entry {@code alias} of a key store file (or its first key entry when alias is null).
     *
     * @param what how errors name the file (a configuration key or the path)
     */
    static Entry read(Path file, String type, char[] password, String alias, String what)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        } catch (IOException e) {
            // A wrong password shows up as an IOException from load(); say so.
            throw new IOException(what + " (" + file + "): cannot open the " + type + " key store: " + e.getMessage(),
                    e);
        }
        String name = alias;
        if (name == null || name.isBlank()) {
            for (String a : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(a)) {
                    name = a;
                    break;
                }
            }
            if (name == null || name.isBlank()) {
                throw new GeneralSecurityException(what + " (" + file + ") holds no private key entry");
            }
        }
        Key key = ks.getKey(name, password);
        if (!(key instanceof PrivateKey)) {
            throw new GeneralSecurityException(what + " (" + file + "): no private key under alias '" + name + "'");
        }
        Certificate[] chain = ks.getCertificateChain(name);
        if (chain == null || chain.length == 0) {
            throw new GeneralSecurityException(what + " (" + file + "): no certificate chain under alias '" + name
                    + "'");
        }
        X509Certificate[] x509 = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            if (!(chain[i] instanceof X509Certificate)) {
                throw new GeneralSecurityException(what + " (" + file + "): certificate " + i + " of '" + name
                        + "' is not X.509");
            }
            x509[i] = (X509Certificate) chain[i];
        }
        return new Entry((PrivateKey) key, x509);
    }

    /** An in-memory PKCS12 key store with one entry. */
    static KeyStore inMemory(String alias, PrivateKey key, X509Certificate[] chain, char[] password)
            throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty PKCS12 key store", e);
        }
        ks.setKeyEntry(alias, key, password, chain);
        return ks;
    }

    /** Writes the entry as a PKCS12 file: to {@code file.tmp}, forced to disk, renamed over {@code file}. */
    static void write(Path file, String alias, PrivateKey key, X509Certificate[] chain, char[] password)
            throws IOException, GeneralSecurityException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        inMemory(alias, key, chain, password).store(bytes, password);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        ownerOnly(tmp, false);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** rw------- for a file, rwx------ for a directory, where the file system has POSIX permissions. */
    static void ownerOnly(Path path, boolean directory) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"));
        }
    }
}

package dev.floorgate.gateway.internal.tools;

import dev.floorgate.sqlite.ProcessLock;
import dev.floorgate.sqlite.SqliteFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * {@code floorgate-gateway backup FILE} and {@code restore FILE}: the gateway's data folder in one file.
 *
 * <p><b>Format</b> (version 1): a zip with {@code FLOORGATE-BACKUP} first (Java properties: {@code format=1},
 * {@code created}, {@code files}), then {@code gateway.db} (accounts, devices, print jobs), {@code outbox.db} (the
 * operations not yet at the core), {@code cache.db} (master data and orders), {@code parcels.db} (the parcel
 * intakes not yet at the core and the offline parcel cache; absent in backups of older gateways), each written by
 * SQLite's online backup ({@code backup to}, sqlite-jdbc): a consistent snapshot of each file while the gateway
 * runs and writes, never a copy of a file mid-transaction. Then {@code tls/site-ca.p12} and {@code tls/server.p12},
 * so PDAs that trust the site CA still trust the restored gateway. The databases are snapshotted one after the
 * other, not together; each is consistent on its own, which is all restore needs (an operation in the outbox
 * snapshot that the core applied later is sent again and answered DUPLICATE by the core's opId idempotency; an
 * intake likewise is answered as the first time by its opId).
 *
 * <p>The file is made owner-only (it holds password and token hashes and the CA key) next to its final name and
 * moved there at the end (the commit point): a backup cut short leaves no FILE that looks whole.
 *
 * <p><b>Restore</b> takes each database's process lock (so it refuses while a gateway runs on the folder), checks
 * every database in the file ({@code PRAGMA quick_check}), then per file: removes the old {@code -wal} and
 * {@code -shm} (a stale WAL applied to the restored file would corrupt it) and moves the restored file in.
 */
public final class GatewayBackup {
    static final String MANIFEST = "FLOORGATE-BACKUP";
    static final int FORMAT = 1;
    /** The SQLite files of a data folder, in the order they are saved. */
    static final List<String> DATABASES = List.of("gateway.db", "outbox.db", "cache.db", "parcels.db");
    static final List<String> TLS_FILES = List.of("tls/site-ca.p12", "tls/server.p12");

    private GatewayBackup() {
    }

    /**
     * Saves the data folder {@code dataDir} into {@code target}.
     *
     * @return the names saved, in order
     * @throws IOException when a database cannot be read or the file cannot be written
     */
    public static List<String> backup(Path dataDir, Path target) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("gateway.db"))) {
            throw new IOException("no gateway.db in " + dir + ": is this the gateway's data folder (fg.data-dir)?");
        }
        Path out = target.toAbsolutePath().normalize();
        Path parent = out.getParent();
        Files.createDirectories(parent);
        Path snapshots = Files.createTempDirectory(parent, ".floorgate-backup-");
        Path partial = parent.resolve("." + out.getFileName() + ".partial");
        List<String> saved = new ArrayList<>();
        try {
            Map<String, Path> entries = new LinkedHashMap<>();
            for (String db : DATABASES) {
                Path source = dir.resolve(db);
                if (!Files.isRegularFile(source)) {
                    continue; // cache.db, outbox.db and parcels.db appear with the sync engine's first start
                }
                Path copy = snapshots.resolve(db);
                onlineBackup(source, copy);
                entries.put(db, copy);
            }
            for (String tls : TLS_FILES) {
                if (Files.isRegularFile(dir.resolve(tls))) {
                    entries.put(tls, dir.resolve(tls));
                }
            }
            Files.deleteIfExists(partial);
            SqliteFiles.createOwnerOnly(partial);
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(manifest(entries.keySet()).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                for (Map.Entry<String, Path> e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    Files.copy(e.getValue(), zip);
                    zip.closeEntry();
                    saved.add(e.getKey());
                }
            }
            move(partial, out);
            return saved;
        } finally {
            Files.deleteIfExists(partial);
            deleteTree(snapshots);
        }
    }

    /**
     * Puts a backup made by {@link #backup} into {@code dataDir}; the gateway must be stopped.
     *
     * @return the names restored, in order
     * @throws IOException when a gateway runs on the folder, the file is not a FloorGate backup or a database in it
     *                     is damaged (then nothing in the folder was changed)
     */
    public static List<String> restore(Path source, Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        Path staging = Files.createTempDirectory(dir, ".floorgate-restore-");
        List<ProcessLock> locks = new ArrayList<>();
        try {
            for (String db : DATABASES) {
                locks.add(ProcessLock.acquire(ProcessLock.lockFileOf(dir.resolve(db)), db + " in " + dir
                        + " (stop the gateway first: systemctl stop floorgate-gateway)"));
            }
            List<String> names = unpack(source, staging);
            for (String name : names) {
                if (DATABASES.contains(name)) {
                    quickCheck(staging.resolve(name), source);
                }
            }
            for (String name : names) {
                Path target = dir.resolve(name);
                Files.createDirectories(target.getParent());
                if (DATABASES.contains(name)) {
                    Files.deleteIfExists(target.resolveSibling(name + "-wal"));
                    Files.deleteIfExists(target.resolveSibling(name + "-shm"));
                }
                move(staging.resolve(name), target);
            }
            return names;
        } finally {
            for (ProcessLock lock : locks) {
                lock.close();
            }
            deleteTree(staging);
        }
    }

    private static void onlineBackup(Path source, Path copy) throws IOException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + source);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + SqliteFiles.BUSY_TIMEOUT_MILLIS);
            s.executeUpdate("backup to " + copy);
        } catch (SQLException e) {
            throw new IOException("online backup of " + source + " failed: " + e.getMessage(), e);
        }
    }

    private static List<String> unpack(Path source, Path staging) throws IOException {
        List<String> names = new ArrayList<>();
        Properties manifest = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(source))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (name.equals(MANIFEST)) {
                    manifest = new Properties();
                    manifest.load(new java.io.InputStreamReader(zip, StandardCharsets.UTF_8));
                    continue;
                }
                if (!DATABASES.contains(name) && !TLS_FILES.contains(name)) {
                    throw new IOException(source + " holds '" + name + "', which is not part of a gateway backup");
                }
                Path to = staging.resolve(name);
                Files.createDirectories(to.getParent());
                SqliteFiles.createOwnerOnly(to);
                try (OutputStream o = Files.newOutputStream(to)) {
                    copy(zip, o);
                }
                names.add(name);
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(source + " is not a FloorGate backup (" + e.getMessage() + ")", e);
        }
        if (manifest == null) {
            throw new IOException(source + " is not a FloorGate backup: no " + MANIFEST + " entry");
        }
        String format = manifest.getProperty("format", "");
        if (!format.equals(Integer.toString(FORMAT))) {
            throw new IOException(source + " is backup format '" + format + "'; this gateway reads format " + FORMAT);
        }
        if (!names.contains("gateway.db")) {
            throw new IOException(source + " has no gateway.db");
        }
        return names;
    }

    private static void quickCheck(Path db, Path source) throws IOException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            String result = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(result)) {
                throw new IOException(db.getFileName() + " in " + source + " is damaged: " + result);
            }
        } catch (SQLException e) {
            throw new IOException(db.getFileName() + " in " + source + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String manifest(Iterable<String> files) {
        return "format=" + FORMAT + "\ncreated=" + Instant.now() + "\nfiles=" + String.join(",", files) + "\n";
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[64 * 1024];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            out.write(buf, 0, n);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            List<Path> all = walk.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}

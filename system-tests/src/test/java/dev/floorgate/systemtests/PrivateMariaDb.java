package dev.floorgate.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * A mariadbd of the test's own on a free port, its data directory on a {@link LoopMount} so the test can fill its
 * volume; prepared with {@code mariadb-install-db}, stopped and unmounted by {@link #close()}. Small InnoDB log
 * and Aria log so the whole server fits a 160 MiB image (ibdata1 still grows to ~70 MiB at install).
 */
public final class PrivateMariaDb implements AutoCloseable {
    private static final String[] SMALL = {"--innodb-log-file-size=4M", "--innodb-data-file-path=ibdata1:4M:autoextend",
        "--aria-log-file-size=4M"};
    private final LoopMount disk;
    private final int port;
    private Process process;

    public PrivateMariaDb(LoopMount disk, Path logDir) throws IOException, InterruptedException, SQLException {
        this.disk = disk;
        this.port = ServiceProcess.freePort();
        Path data = disk.path().resolve("mysql");
        Files.createDirectories(data);
        Process install = new ProcessBuilder(cmd("mariadb-install-db", "--no-defaults", "--datadir=" + data,
                "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db"))
                .redirectErrorStream(true).redirectOutput(logDir.resolve("mariadb-install.log").toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            install.destroyForcibly();
            throw new IOException("mariadb-install-db into " + data + " failed; see "
                    + logDir.resolve("mariadb-install.log"));
        }
        process = new ProcessBuilder(cmd("mariadbd", "--no-defaults", "--datadir=" + data, "--user=root",
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + logDir.resolve("mariadb.sock"),
                "--pid-file=" + logDir.resolve("mariadb.pid"), "--skip-log-bin", "--innodb-buffer-pool-size=32M"))
                .redirectErrorStream(true).redirectOutput(logDir.resolve("mariadbd.log").toFile()).start();
        for (int i = 0; i < 300; i++) {
            try {
                DriverManager.getConnection(server(), "root", "").close();
                return;
            } catch (SQLException notYet) {
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        close();
        throw new IOException("mariadbd on port " + port + " did not accept connections within 30 s; see "
                + logDir.resolve("mariadbd.log"));
    }

    private static String[] cmd(String program, String... args) {
        String[] all = new String[1 + args.length + SMALL.length];
        all[0] = program;
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(SMALL, 0, all, 1 + args.length, SMALL.length);
        return all;
    }

    /** The server's JDBC URL without a database. */
    public String server() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/";
    }

    public LoopMount disk() {
        return disk;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}

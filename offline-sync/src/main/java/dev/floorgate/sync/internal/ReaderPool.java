package dev.floorgate.sync.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConfig;

/**
 * A fixed set of read connections to one SQLite file in WAL mode, so lookups from many request threads run side by
 * side with each other and with the writer. A caller waits at most {@link #ACQUIRE_TIMEOUT_MILLIS} for one.
 */
public final class ReaderPool implements AutoCloseable {
    public static final long ACQUIRE_TIMEOUT_MILLIS = 5_000;

    /** A read on a connection. */
    public interface Read<T> {
        T apply(Connection c) throws SQLException;
    }

    private final Path file;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();

    public ReaderPool(Path file, int size) throws IOException {
        this.file = file;
        this.idle = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                Connection c = SqliteFiles.open(file, SQLiteConfig.SynchronousMode.NORMAL);
                all.add(c);
                idle.add(c);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** Runs a read on an idle connection; SQL failures and waits that time out become IOExceptions. */
    public <T> T read(String what, Read<T> read) throws IOException {
        Connection c;
        try {
            c = idle.poll(ACQUIRE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for a connection to " + file, e);
        }
        if (c == null) {
            throw new IOException("no connection to " + file + " free within " + ACQUIRE_TIMEOUT_MILLIS
                    + " ms for: " + what);
        }
        try {
            return read.apply(c);
        } catch (SQLException e) {
            throw new IOException("SQLite could not " + what + " in " + file + ": " + e.getMessage(), e);
        } finally {
            idle.add(c);
        }
    }

    @Override
    public void close() {
        for (Connection c : all) {
            SqliteFiles.closeQuietly(c);
        }
    }
}

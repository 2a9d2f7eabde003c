package dev.floorgate.sqlite;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of read connections to one SQLite file in WAL mode, so lookups from many request threads run side by
 * side with each other and with the writer (WAL readers see the last commit and never block it). A caller waits at
 * most {@link #ACQUIRE_TIMEOUT_MILLIS} for an idle connection. Thread-safe.
 *
 * <p>Each connection carries a session {@code S} made once by the pool's factory (e.g. an object that caches
 * prepared statements for that connection); a read gets the session of the connection it borrowed, and has it to
 * itself until it returns. Sessions that are {@link AutoCloseable} are closed with the pool.
 *
 * @param <S> what a read works on; {@link Connection} for {@link #open(Path, int)}
 */
public final class ReaderPool<S> implements AutoCloseable {
    public static final long ACQUIRE_TIMEOUT_MILLIS = 5_000;

    /** A read on a session. */
    public interface Read<S, T> {
        T apply(S session) throws SQLException;
    }

    /** Makes the session of one connection. */
    public interface SessionFactory<S> {
        S create(Connection c) throws SQLException;
    }

    private final Path file;
    private final BlockingQueue<S> idle;
    private final List<Connection> connections = new ArrayList<>();
    private final List<S> sessions = new ArrayList<>();

    private ReaderPool(Path file, int size, SessionFactory<S> factory) throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("a reader pool of " + file + " needs at least 1 connection, got "
                    + size);
        }
        this.file = file;
        this.idle = new ArrayBlockingQueue<>(size);
        try {
            for (int i = 0; i < size; i++) {
                Connection c = SqliteFiles.open(file, Durability.NORMAL); // readers commit nothing
                connections.add(c);
                S session = factory.create(c);
                sessions.add(session);
                idle.add(session);
            }
        } catch (SQLException e) {
            close();
            throw new IOException("cannot prepare a read connection to " + file + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code size} plain read connections to {@code file}. */
    public static ReaderPool<Connection> open(Path file, int size) throws IOException {
        return new ReaderPool<>(file, size, c -> c);
    }

    /** {@code size} read connections to {@code file}, each with the session {@code factory} makes for it. */
    public static <S> ReaderPool<S> open(Path file, int size, SessionFactory<S> factory) throws IOException {
        return new ReaderPool<>(file, size, Objects.requireNonNull(factory, "factory"));
    }

    /**
     * Runs a read on an idle connection's session; SQL failures and waits that time out become IOExceptions naming
     * {@code what} and the file.
     */
    public <T> T read(String what, Read<S, T> read) throws IOException {
        S s;
        try {
            s = idle.poll(ACQUIRE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for a connection to " + file, e);
        }
        if (s == null) {
            throw new IOException("no connection to " + file + " free within " + ACQUIRE_TIMEOUT_MILLIS
                    + " ms for: " + what);
        }
        try {
            return read.apply(s);
        } catch (SQLException e) {
            throw new IOException("SQLite could not " + what + " in " + file + ": " + e.getMessage(), e);
        } finally {
            idle.add(s);
        }
    }

    /** Closes the sessions and connections; reads still running finish on a closed connection and fail. */
    @Override
    public void close() {
        for (S s : sessions) {
            if (s instanceof AutoCloseable && !(s instanceof Connection)) {
                SqliteFiles.closeQuietly((AutoCloseable) s);
            }
        }
        for (Connection c : connections) {
            SqliteFiles.closeQuietly(c);
        }
    }
}

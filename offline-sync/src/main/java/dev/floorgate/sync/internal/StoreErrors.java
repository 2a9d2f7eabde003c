package dev.floorgate.sync.internal;

import dev.floorgate.sqlite.SqliteFiles;
import dev.floorgate.sync.DiskFullException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/** The engine's IOExceptions for failed SQL on its files: SQLITE_FULL becomes {@link DiskFullException}. */
public final class StoreErrors {
    private StoreErrors() {
    }

    /**
     * An IOException for a failed SQL step on {@code file}: a {@link DiskFullException} for SQLITE_FULL (with the
     * free bytes measured now), else a plain IOException; the cause is kept.
     */
    public static IOException ioError(String what, Path file, SQLException e, long freeBytesNow) {
        if (SqliteFiles.isDiskFull(e)) {
            return new DiskFullException("disk full: SQLite could not " + what + " in " + file + " ("
                    + freeBytesNow + " bytes usable now): " + e.getMessage(), freeBytesNow, e);
        }
        return new IOException("SQLite could not " + what + " in " + file + ": " + e.getMessage(), e);
    }

    /** {@code e} itself, or a {@link DiskFullException} around it when SQLITE_FULL caused it. */
    public static IOException diskFullOr(IOException e, String what, Path file, long freeBytesNow) {
        if (e instanceof DiskFullException || !SqliteFiles.isDiskFull(e)) {
            return e;
        }
        return new DiskFullException("disk full: could not " + what + " in " + file + " (" + freeBytesNow
                + " bytes usable now): " + e.getMessage(), freeBytesNow, e);
    }
}

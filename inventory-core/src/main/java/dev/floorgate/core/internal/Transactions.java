package dev.floorgate.core.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One JDBC transaction on a connection: auto-commit off, the work, commit; on any failure rollback and rethrow;
 * auto-commit back on either way (the connection goes back to its pool as it came).
 */
final class Transactions {
    /** The work of one transaction. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Transactions() {
    }

    static <T> T run(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}

package dev.floorgate.core.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.floorgate.core.MysqlConfiguration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The MySQL/MariaDB connection pool. On start it migrates the schema (Flyway, {@code db/migration}) and pins the
 * Redis bucket count: the key layout depends on it, so a restart with another {@code fg.core.buckets} would look
 * for every record in the wrong slot. That is refused with both numbers in the message.
 */
final class Database implements AutoCloseable {
    private final HikariDataSource pool;

    Database(MysqlConfiguration config, int buckets) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.getUrl());
        hc.setUsername(config.getUser());
        hc.setPassword(config.getPassword());
        hc.setMaximumPoolSize(config.getPoolSize());
        hc.setMinimumIdle(Math.min(2, config.getPoolSize()));
        hc.setConnectionTimeout(Math.max(250, config.getTimeout().toMillis()));
        hc.setValidationTimeout(Math.max(250, Math.min(config.getTimeout().toMillis(), 2000)));
        hc.setPoolName("fg-mysql");
        hc.addDataSourceProperty("socketTimeout", Long.toString(Math.max(1000, config.getTimeout().toMillis() * 6)));
        // Report rows really changed, so the write-back can count replayed ledger inserts (0 rows) apart.
        hc.addDataSourceProperty("useAffectedRows", "true");
        hc.setAutoCommit(true);
        this.pool = new HikariDataSource(hc);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            pinBuckets(buckets);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    DataSource dataSource() {
        return pool;
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    private void pinBuckets(int buckets) {
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT IGNORE INTO core_meta (name, value) VALUES ('buckets', ?)")) {
                insert.setString(1, Integer.toString(buckets));
                insert.executeUpdate();
            }
            try (PreparedStatement read = c.prepareStatement("SELECT value FROM core_meta WHERE name = 'buckets'");
                    ResultSet rs = read.executeQuery()) {
                rs.next();
                int pinned = Integer.parseInt(rs.getString(1));
                if (pinned != buckets) {
                    throw new IllegalStateException("fg.core.buckets is " + buckets + " but this database was "
                            + "created with " + pinned + " buckets; the Redis key layout depends on it, so "
                            + "start with fg.core.buckets=" + pinned);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("checking the bucket count in MySQL failed: " + e.getMessage(), e);
        }
    }

    boolean isUp() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}

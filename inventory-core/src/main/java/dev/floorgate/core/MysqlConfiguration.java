package dev.floorgate.core;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** The system of record, {@code fg.mysql.*} (MariaDB or MySQL; the schema is migrated by Flyway at start). */
@ConfigurationProperties(MysqlConfiguration.PREFIX)
public class MysqlConfiguration {
    public static final String PREFIX = "fg.mysql";

    /** {@code fg.mysql.url}: JDBC URL; the database is created when missing. */
    private String url = "jdbc:mariadb://127.0.0.1:3306/floorgate?createDatabaseIfNotExist=true";
    /** {@code fg.mysql.user} (root). */
    private String user = "root";
    /** {@code fg.mysql.password} (empty). */
    private String password = "";
    /** {@code fg.mysql.pool-size}: connections in the pool (8). */
    private int poolSize = 8;
    /** {@code fg.mysql.timeout}: bound on getting a connection and on one statement (5s). */
    private Duration timeout = Duration.ofSeconds(5);

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password == null ? "" : password;
    }

    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}

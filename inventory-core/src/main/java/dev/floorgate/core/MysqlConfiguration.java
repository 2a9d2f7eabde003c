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
    /** {@code fg.mysql.tenant-pool-size}: connections of each tenant's own pool, opened on first use (8: it carries the tenant's stock path too). */
    private int tenantPoolSize = 8;
    /**
     * {@code fg.mysql.add-tenants-at-start}: add the tenants of {@code fg.core.keys} at start as {@code tenant add}
     * does (true). False lets the running core's user lack CREATE USER and GRANT OPTION: tenants are then added only
     * by the command (with a user that has them), and a key's tenant not yet added is answered 503 TENANT_NOT_ADDED.
     */
    private boolean addTenantsAtStart = true;

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

    public int getTenantPoolSize() {
        return tenantPoolSize;
    }

    public void setTenantPoolSize(int tenantPoolSize) {
        this.tenantPoolSize = tenantPoolSize;
    }

    public boolean isAddTenantsAtStart() {
        return addTenantsAtStart;
    }

    public void setAddTenantsAtStart(boolean addTenantsAtStart) {
        this.addTenantsAtStart = addTenantsAtStart;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}

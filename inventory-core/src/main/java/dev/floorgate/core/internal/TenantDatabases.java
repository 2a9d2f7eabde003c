package dev.floorgate.core.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.floorgate.core.MysqlConfiguration;
import io.micronaut.http.HttpStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants' own databases (docs/TENANTS.md): per tenant a small Hikari pool on the tenant's schema, logged in
 * as the tenant's MySQL user, opened on first use from the credentials {@code tenant add} stored in the shared
 * schema. A tenant added while the core runs is used without a restart: its first request reads its row. At start
 * the tenants of the core's keys and every stored tenant are added (the same code as the command; a no-op but for
 * new migrations when they exist, and what makes a restored database's tenant schemas and users where missing).
 *
 * <p>Every read and write of one tenant's data goes through {@link #connection}: its parcels, shipments and photos
 * are tables of its schema, its stock, ledger, master data and orders views there of its rows in the shared tables
 * (db/tenant V3), so the server itself refuses another tenant's rows. A tenant met for the first time is added on
 * that first use when {@code fg.mysql.add-tenants-at-start} is on.
 */
final class TenantDatabases implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenantDatabases.class);
    private final Database core;
    private final TenantProvisioner provisioner;
    private final MysqlConfiguration config;
    private final ConcurrentMap<String, HikariDataSource> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    TenantDatabases(Database core, MysqlConfiguration config) {
        this.core = core;
        this.config = config;
        this.provisioner = new TenantProvisioner(config.getUrl(), config.getUser(), config.getPassword());
    }

    /**
     * Adds the given tenants and every stored one (idempotent: schema, user, grant, migrations) unless {@code
     * fg.mysql.add-tenants-at-start} is false; then it only migrates every stored tenant's schema.
     */
    TenantDatabases start(Collection<String> keyTenants) throws SQLException {
        boolean add = config.isAddTenantsAtStart();
        if (add) {
            for (String tenant : keyTenants) {
                provisioner.add(tenant);
            }
        }
        for (String[] row : stored()) {
            if (add) {
                // a stored tenant is added again too (idempotent): after a restore, under another database name
                // or on another server, its schema and user may not exist yet
                if (!keyTenants.contains(row[0])) {
                    provisioner.add(row[0]);
                }
            } else {
                provisioner.migrate(new TenantProvisioner.Tenant(row[0], row[1], row[2],
                        provisioner.core().urlOf(row[1])));
            }
        }
        return this;
    }

    /** A connection of the tenant's own pool (its user, its schema). */
    Connection connection(String tenant) throws SQLException {
        if (closed) {
            throw new SQLException("the tenant databases are closed (the core is stopping)");
        }
        HikariDataSource pool = pools.get(tenant);
        if (pool == null) {
            try {
                pool = pools.computeIfAbsent(tenant, this::open);
            } catch (com.zaxxer.hikari.pool.HikariPool.PoolInitializationException e) {
                // Hikari's first connection refused (the tenant's grants revoked, its user gone, MySQL down): an
                // outage of this tenant's database, answered like any other (503, requeue), not a 500
                throw new SQLException("opening tenant '" + tenant + "''s own database pool failed: "
                        + e.getMessage(), "08001", e);
            }
        }
        return pool.getConnection();
    }

    /** {tenant, schema, user} of every added tenant. */
    List<String[]> stored() throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Connection c = core.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT tenant, schema_name, user_name FROM tenant_credentials ORDER BY tenant");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        return out;
    }

    private HikariDataSource open(String tenant) {
        if (config.isAddTenantsAtStart() && !isStored(tenant)) {
            // A tenant central IT names before any key does (an import, master data, an order for a new tenant): its
            // stock, ledger and orders are read and written on its own connection only, so it gets its schema and
            // user now, as `tenant add` would. With fg.mysql.add-tenants-at-start=false that is central IT's step.
            TenantNames.checkCode(tenant);
            LOG.info("tenant {} has no database of its own yet: adding it (schema, user, grants, migrations)", tenant);
            try {
                provisioner.add(tenant);
            } catch (IllegalStateException e) {
                LOG.error("adding tenant {} on first use failed: {}", tenant, e.getMessage(), e);
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "TENANT_NOT_ADDED", "tenant '" + tenant
                        + "' has no database at the core yet and adding it failed; central IT runs 'tenant add'");
            }
        }
        String schema;
        String user;
        String password;
        try (Connection c = core.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT schema_name, user_name, password FROM tenant_credentials WHERE tenant = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    LOG.warn("tenant {} has no database of its own yet: run 'java -jar inventory-core.jar tenant add "
                            + "{}' (docs/TENANTS.md)", tenant, tenant);
                    throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "TENANT_NOT_ADDED", "tenant '" + tenant
                            + "' has no database at the core yet; central IT adds it with 'tenant add'");
                }
                schema = rs.getString(1);
                user = rs.getString(2);
                password = rs.getString(3);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the credentials of tenant '" + tenant + "' failed: "
                    + e.getMessage(), e);
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(provisioner.core().urlOf(schema));
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(config.getTenantPoolSize());
        hc.setMinimumIdle(0);
        hc.setIdleTimeout(120_000);
        hc.setConnectionTimeout(Math.max(250, config.getTimeout().toMillis()));
        hc.setValidationTimeout(Math.max(250, Math.min(config.getTimeout().toMillis(), 2000)));
        hc.setPoolName("fg-tenant-" + schema);
        hc.addDataSourceProperty("socketTimeout", Long.toString(Math.max(1000, config.getTimeout().toMillis() * 6)));
        hc.addDataSourceProperty("useAffectedRows", "true");
        hc.setAutoCommit(true);
        LOG.info("opening tenant {}'s pool on schema {} as user {}", tenant, schema, user);
        return new HikariDataSource(hc);
    }

    private boolean isStored(String tenant) {
        try (Connection c = core.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM tenant_credentials WHERE tenant = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading whether tenant '" + tenant + "' has a database failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (HikariDataSource pool : pools.values()) {
            pool.close();
        }
        pools.clear();
    }
}

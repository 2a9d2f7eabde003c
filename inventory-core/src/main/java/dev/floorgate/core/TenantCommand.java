package dev.floorgate.core;

import dev.floorgate.core.internal.TenantProvisioner;
import java.io.PrintStream;

/**
 * {@code tenant add CODE}: gives a tenant its own MySQL schema and user (docs/TENANTS.md), from the core's jar:
 * <pre>java -jar inventory-core.jar tenant add acme</pre>
 * It logs in as the core's MySQL user, read like the core reads it: {@code FG_MYSQL_URL}, {@code FG_MYSQL_USER},
 * {@code FG_MYSQL_PASSWORD} (or {@code --url}, {@code --user}, {@code --password-env VAR}; a password is never an
 * argument, where {@code ps} would show it). Idempotent; a running core uses the tenant on its next request. Exit
 * status: 0 added (or already there), 2 refused (one line on stderr naming what failed, e.g. a missing privilege).
 */
public final class TenantCommand {
    private TenantCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command without System.exit: returns the exit status. {@code args} start after the word "tenant". */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String url = env("FG_MYSQL_URL", new MysqlConfiguration().getUrl());
        String user = env("FG_MYSQL_USER", "root");
        String password = env("FG_MYSQL_PASSWORD", "");
        String action = null;
        String tenant = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help")) {
                out.println("usage: tenant add CODE [--url JDBC_URL] [--user USER] [--password-env VARIABLE]");
                return 0;
            }
            if (a.startsWith("--")) {
                if (i + 1 >= args.length) {
                    err.println("tenant: option " + a + " needs a value");
                    return 2;
                }
                String v = args[++i];
                switch (a) {
                    case "--url" -> url = v;
                    case "--user" -> user = v;
                    case "--password-env" -> password = env(v, "");
                    default -> {
                        err.println("tenant: unknown option '" + a + "' (try --help)");
                        return 2;
                    }
                }
            } else if (action == null) {
                action = a;
            } else if (tenant == null) {
                tenant = a;
            } else {
                err.println("tenant: unexpected argument '" + a + "' (try --help)");
                return 2;
            }
        }
        if (!"add".equals(action) || tenant == null) {
            err.println("tenant: usage: tenant add CODE (try --help)");
            return 2;
        }
        try {
            TenantProvisioner provisioner = new TenantProvisioner(url, user, password);
            provisioner.migrateCore();
            TenantProvisioner.Tenant t = provisioner.add(tenant);
            out.println("tenant " + t.tenant() + ": schema " + t.schema() + ", user " + t.user() + " (ready)");
            return 0;
        } catch (IllegalStateException | IllegalArgumentException e) {
            err.println("tenant: " + e.getMessage());
            return 2;
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}

package dev.floorgate.core.internal;

import java.net.URI;

/**
 * The core's JDBC URL taken apart (jdbc:mariadb://host:port/database?options): its database name, the server
 * without a database, and the same server and options with another database (a tenant's schema). The tenant's URL
 * drops {@code createDatabaseIfNotExist}: a tenant's user creates nothing.
 */
record JdbcTarget(String url, String user, String password) {
    JdbcTarget {
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("fg.mysql.url must start with jdbc:, was '" + Inputs.clip(url) + "'");
        }
        String db = URI.create(url.substring(5)).getPath();
        if (db == null || db.length() < 2 || !db.substring(1).matches("[A-Za-z0-9_$-]{1,40}")) {
            throw new IllegalArgumentException("fg.mysql.url must name the core's database (1-40 of A-Z a-z 0-9 _ $ -"
                    + " so tenant schema names fit in 64), was '" + Inputs.clip(url) + "'");
        }
    }

    String database() {
        return URI.create(url.substring(5)).getPath().substring(1);
    }

    /** The server with no database selected and the original options (for CREATE DATABASE / CREATE USER). */
    String serverUrl() {
        return urlOf("");
    }

    String urlOf(String database) {
        URI u = URI.create(url.substring(5));
        String query = u.getRawQuery() == null ? "" : u.getRawQuery().replaceAll(
                "(^|&)createDatabaseIfNotExist=[^&]*", "").replaceAll("^&", "");
        return "jdbc:" + u.getScheme() + "://" + u.getRawAuthority() + "/" + database
                + (query.isEmpty() ? "" : "?" + query);
    }
}

package dev.floorgate.core.internal;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code fg.redis.uri} in Lettuce's Sentinel form: {@code redis-sentinel://[password@]s1:26379,s2:26379,s3:26379[/db]
 * #mymaster} ({@code rediss-sentinel://} for TLS). The host list names the sentinels, not Redis itself, and the text
 * after {@code #} is the master name the sentinels monitor (Lettuce's {@code sentinelMasterId}); the core asks the
 * sentinels which node is the primary on every (re)connect. Kept apart from {@link RedisConnector} so the startup
 * check and the connector read the URI the same way.
 */
final class RedisSentinelUri {
    static final String FIX = "redis-sentinel://sentinel1:26379,sentinel2:26379,sentinel3:26379#mymaster (the "
            + "sentinels, and after # the master name of their 'sentinel monitor' line)";

    private RedisSentinelUri() {
    }

    static boolean isSentinel(String spec) {
        if (spec == null) {
            return false;
        }
        String s = spec.trim().toLowerCase(Locale.ROOT);
        return s.startsWith("redis-sentinel://") || s.startsWith("rediss-sentinel://");
    }

    /** What is wrong with a Sentinel URI, or null; never repeats the URI (it may hold a password). */
    static String problem(String spec) {
        String text = spec.trim();
        String afterScheme = text.substring(text.indexOf("://") + 3);
        int hash = afterScheme.indexOf('#');
        String hosts = hash < 0 ? afterScheme : afterScheme.substring(0, hash);
        int at = hosts.lastIndexOf('@');
        hosts = at < 0 ? hosts : hosts.substring(at + 1);
        int slash = hosts.indexOf('/');
        String db = slash < 0 ? null : hosts.substring(slash + 1);
        hosts = slash < 0 ? hosts : hosts.substring(0, slash);
        int index = 0;
        for (String host : hosts.split(",", -1)) {
            String h = host.trim();
            int colon = h.lastIndexOf(':');
            String name = colon < 0 ? h : h.substring(0, colon);
            if (name.isEmpty()) {
                return "sentinel " + index + " of the Sentinel URI has no host name";
            }
            if (colon >= 0) {
                String port = h.substring(colon + 1);
                if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                    return "sentinel " + index + " (" + name + ") of the Sentinel URI has port '" + port
                            + "', not 1..65535";
                }
            }
            index++;
        }
        if (db != null && !db.isEmpty() && !db.matches("[0-9]{1,5}")) {
            return "the database after '/' in the Sentinel URI must be a number, was '" + db + "'";
        }
        boolean masterInQuery = afterScheme.contains("sentinelMasterId=");
        if (!masterInQuery && (hash < 0 || afterScheme.substring(hash + 1).isBlank())) {
            return "the Sentinel URI names no master: add #<master name> (the name in the sentinels' 'sentinel "
                    + "monitor' line)";
        }
        try {
            RedisURI uri = create(text, Duration.ofSeconds(2));
            if (uri.getSentinels().isEmpty()) {
                return "the Sentinel URI names no sentinel";
            }
        } catch (RuntimeException e) {
            return "the Sentinel URI is not one Lettuce reads (" + e.getClass().getSimpleName() + ")";
        }
        return null;
    }

    /** The Lettuce URI, with the command timeout set on it and on every sentinel. */
    static RedisURI create(String spec, Duration timeout) {
        RedisURI uri = RedisURI.create(spec.trim());
        if (uri.getSentinelMasterId() == null || uri.getSentinelMasterId().isBlank()) {
            throw new IllegalArgumentException("the Sentinel URI names no master (#<master name>)");
        }
        uri.setTimeout(timeout);
        for (RedisURI sentinel : uri.getSentinels()) {
            sentinel.setTimeout(timeout);
        }
        return uri;
    }
}

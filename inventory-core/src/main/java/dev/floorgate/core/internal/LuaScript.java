package dev.floorgate.core.internal;

import dev.floorgate.protocol.internal.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One Lua script of {@code src/main/resources/lua}, with the SHA-1 Redis knows it by. Scripts are loaded once at
 * start and run by SHA ({@link RedisConnector#eval}); a node that lost its script cache (restart, failover) gets the
 * source again on the NOSCRIPT reply.
 */
final class LuaScript {
    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1Hex(source);
    }

    static LuaScript load(String name) {
        String path = "lua/" + name + ".lua";
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + path + " is missing from the classpath");
            }
            return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("reading Lua script " + path + " failed", e);
        }
    }

    String name() {
        return name;
    }

    String source() {
        return source;
    }

    String sha() {
        return sha;
    }

    private static String sha1Hex(String text) {
        try {
            return Hashing.hex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this platform", e);
        }
    }
}

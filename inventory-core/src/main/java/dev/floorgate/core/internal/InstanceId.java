package dev.floorgate.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * This core instance's name among several (issue 14 item 4): {@code fg.core.instance-id}, or host, process id and a
 * random suffix. It names the instance's write-back consumer (unless {@code fg.core.writeback.consumer} is set) and
 * the owner of the job leases it holds. The random part makes a restarted process, or two processes on one host
 * in containers with the same pid, a new name: a name shared by two live instances would let one acknowledge
 * events the other is still writing, and a lease would count as held by both.
 */
final class InstanceId {
    private InstanceId() {
    }

    /** The configured id when set, else a generated one; only letters, digits and {@code . _ : -}. */
    static String of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return host() + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
    }

    private static String host() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "core");
        }
        String clean = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (clean.isEmpty()) {
            clean = "core";
        }
        return clean.length() > 64 ? clean.substring(0, 64) : clean;
    }
}

package dev.floorgate.core.internal;

/**
 * One hash-tag bucket of the Redis layout: every key of its records and its write-back stream, watermark and record
 * set carry {@link #tag()}, so they share one Redis Cluster slot and one Lua script may touch them all.
 *
 * <p>Layout 2 (this version): the tag is {@code {fg:<tenant>:<number>}}. A {@code null} tenant names a bucket of
 * layout 1, {@code {fg:<number>}}, which only the upgrade ({@link RedisLayoutUpgrade}) still reads, to write its
 * streams back into MySQL and delete its keys.
 */
record Bucket(String tenant, int number) {

    /** A bucket of layout 1 (before the tenant was in the tag). */
    static Bucket layout1(int number) {
        return new Bucket(null, number);
    }

    String tag() {
        return tenant == null ? "{fg:" + number + "}" : "{fg:" + tenant + ":" + number + "}";
    }

    /** The prefix every key of the bucket starts with, e.g. {@code fg:{fg:acme:3}:}. */
    String prefix() {
        return "fg:" + tag() + ":";
    }

    String stream() {
        return prefix() + "wb";
    }

    String watermark() {
        return prefix() + "wm";
    }

    String records() {
        return prefix() + "recs";
    }

    @Override
    public String toString() {
        return tenant == null ? Integer.toString(number) : tenant + ":" + number;
    }
}

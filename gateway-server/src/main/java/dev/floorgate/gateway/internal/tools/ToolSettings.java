package dev.floorgate.gateway.internal.tools;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's configuration as the server would read it (application.yml, MICRONAUT_CONFIG_FILES, FG_*
 * environment variables), for the command-line tools. Only Micronaut's {@link Environment} is started, never the
 * application context: starting that would open gateway.db and take its lock, which a running gateway holds.
 */
final class ToolSettings implements AutoCloseable {
    private final Environment env;

    private ToolSettings(Environment env) {
        this.env = env;
    }

    static ToolSettings load() {
        ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false).banner(false).build();
        Environment env = ctx.getEnvironment();
        env.start();
        return new ToolSettings(env);
    }

    /** Settings given directly (tests), over the same sources {@link #load()} reads. */
    static ToolSettings of(java.util.Map<String, Object> properties) {
        ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false).banner(false)
                .properties(properties).build();
        Environment env = ctx.getEnvironment();
        env.start();
        return new ToolSettings(env);
    }

    String text(String key, String fallback) {
        return env.getProperty(key, String.class).map(String::trim).filter(s -> !s.isEmpty()).orElse(fallback);
    }

    Optional<String> text(String key) {
        return Optional.ofNullable(text(key, null));
    }

    int integer(String key, int fallback) {
        return env.getProperty(key, Integer.class).orElse(fallback);
    }

    long longValue(String key, long fallback) {
        return env.getProperty(key, Long.class).orElse(fallback);
    }

    boolean flag(String key, boolean fallback) {
        return env.getProperty(key, Boolean.class).orElse(fallback);
    }

    Duration duration(String key, Duration fallback) {
        return env.getProperty(key, Duration.class).orElse(fallback);
    }

    /** The names configured under {@code prefix} (printers, scanners), in no particular order. */
    List<String> names(String prefix) {
        Collection<String> entries = env.getPropertyEntries(prefix);
        return new ArrayList<>(entries);
    }

    @Override
    public void close() {
        env.stop();
    }
}

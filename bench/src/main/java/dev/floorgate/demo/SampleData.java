package dev.floorgate.demo;

import dev.floorgate.core.CallCommand;
import dev.floorgate.core.ImportCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads docs/examples/demo/ into the core through the same commands its README shows ({@code floorgate-core
 * import} and {@code call}), in this JVM, with one summary line per step. The orders go last: an order reserves its
 * lines, so the stock must be there first.
 */
final class SampleData {
    /** The last SKU and order of the sample files: when both are in the core, the files were loaded before. */
    static final String LAST_SKU = "DEMO-050";
    private final Path dir;
    private final Map<String, String> env;
    private final PrintStream out;

    SampleData(Path dir, String coreUrl, String keyId, String secret, PrintStream out) {
        this.dir = dir;
        this.env = Map.of("FG_CORE_URL", coreUrl, "FG_CORE_KEY_ID", keyId, "FG_CORE_SECRET", secret);
        this.out = out;
    }

    /**
     * Loads the files unless {@code marker} says a previous run loaded them and the core still has the last SKU's
     * stock (a dropped database is loaded again). Returns whether it loaded.
     */
    boolean loadUnlessLoaded(Path marker) throws IOException {
        if (Files.exists(marker) && call("GET", "/v1/stock/acme/SH01/" + LAST_SKU).ok()) {
            out.println("  sample data: already loaded (" + marker + "), skipped");
            return false;
        }
        for (String kind : List.of("warehouses", "skus", "locations")) {
            step("import " + kind, ImportCommand::run, kind, dir.resolve(kind + ".csv").toString(), "--tenant",
                    "acme");
        }
        step("receive stock", CallCommand::run, "POST", "/v1/operations:batch", "@" + dir.resolve("receive.json"));
        step("import orders", ImportCommand::run, "orders", dir.resolve("orders.csv").toString(), "--tenant", "acme");
        Files.writeString(marker, "docs/examples/demo loaded into the core\n");
        return true;
    }

    private interface Command {
        int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err);
    }

    private record Result(int status, String text) {
        boolean ok() {
            return status == 0;
        }
    }

    private Result call(String... args) {
        return run(CallCommand::run, args);
    }

    private Result run(Command command, String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            int status = command.run(args, env, both, both);
            return new Result(status, buffer.toString(StandardCharsets.UTF_8));
        }
    }

    private void step(String what, Command command, String... args) throws IOException {
        Result r = run(command, args);
        if (!r.ok()) {
            throw new IOException("loading the sample data failed at '" + what + "' (exit " + r.status() + "):\n"
                    + r.text().strip());
        }
        out.println("  sample data: " + what + ": " + summary(r.text()));
    }

    /** The import's last line (its counts), or for a batch call the number of applied operations. */
    static String summary(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.isBlank() && !line.startsWith("HTTP ")) {
                lines.add(line.strip());
            }
        }
        if (lines.isEmpty()) {
            return "done";
        }
        String last = lines.get(lines.size() - 1);
        if (last.startsWith("{")) {
            // a DUPLICATE carries the first status as its code ("code":"APPLIED"): count the status field only
            int applied = count(last, "APPLIED");
            int duplicate = count(last, "DUPLICATE");
            return applied + duplicate > 0 ? applied + " applied, " + duplicate + " already applied" : "done";
        }
        return last.length() > 200 ? last.substring(0, 200) + "..." : last;
    }

    private static int count(String json, String status) {
        Matcher m = Pattern.compile("\"status\"\\s*:\\s*\"" + status + "\"")
                .matcher(json);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}

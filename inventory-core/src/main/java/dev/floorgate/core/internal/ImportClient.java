package dev.floorgate.core.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The import command's work (IMPORT.md): read and check the whole file (ImportFile), stop with a per-row report
 * when anything is wrong, else send the rows in signed batches to {@code POST /v1/import/{kind}} with a progress
 * line. A batch the core refuses stops the run with the core's per-row problems at their file lines; batches
 * before it stay imported, which is safe because every row is an upsert by its natural key: run the same file
 * again and what is there already counts as unchanged. Exit status: 0 all imported, 1 bad rows (or orders the
 * core rejected, e.g. for stock), 2 the import could not run (options, file, core unreachable, key refused).
 */
public final class ImportClient {
    /** Bytes of one batch's body: well below the endpoint's 6 MiB (ImportController). */
    static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;
    private static final int ATTEMPTS = 5;
    private static final int MAX_REPORTED = 100;

    private ImportClient() {
    }

    /** The settings of one run. */
    public record Settings(String kind, Path file, String format, String tenant, int batchSize, String url,
            String keyId, String secret, boolean terminal) {
    }

    public static int run(Settings s, PrintStream out, PrintStream err) {
        ImportRows.Kind kind;
        try {
            kind = ImportRows.Kind.of(s.kind());
        } catch (IllegalArgumentException e) {
            err.println("import: " + e.getMessage());
            return 2;
        }
        String name = s.file().getFileName().toString();
        String format = s.format() != null ? s.format() : name.toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv"
                : name.matches("(?i).*\\.(jsonl|ndjson)") ? "jsonl" : null;
        if (format == null || !format.equals("csv") && !format.equals("jsonl")) {
            err.println("import: cannot tell the format of " + name + ": name it .csv, .jsonl or .ndjson, or pass "
                    + "--format csv|jsonl");
            return 2;
        }
        if (s.batchSize() < 1 || s.batchSize() > ImportRows.MAX_ROWS) {
            err.println("import: --batch must be 1.." + ImportRows.MAX_ROWS + ", was " + s.batchSize());
            return 2;
        }
        ImportFile.Parsed parsed;
        try {
            if (!Files.isRegularFile(s.file())) {
                err.println("import: no such file: " + s.file());
                return 2;
            }
            parsed = ImportFile.read(s.file(), kind, format.equals("csv"), s.tenant());
        } catch (IOException e) {
            err.println("import: reading " + s.file() + " failed: " + e);
            return 2;
        }
        if (!parsed.errors().isEmpty()) {
            report(err, name, parsed.errors());
            err.println("import: nothing was imported: " + parsed.errors().size() + " problem(s) in " + name);
            return 1;
        }
        if (s.keyId() == null || s.keyId().isEmpty() || s.secret() == null || s.secret().isEmpty()) {
            err.println("import: no key: pass --key-id and --secret or set FG_CORE_KEY_ID and FG_CORE_SECRET");
            return 2;
        }
        return send(s, kind, name, parsed.rows(), out, err);
    }

    private static int send(Settings s, ImportRows.Kind kind, String name, List<ImportFile.Row> rows, PrintStream out,
            PrintStream err) {
        CoreCaller core = new CoreCaller(s.url(), s.keyId(), s.secret());
        ImportProgress progress = new ImportProgress(err, "import " + kind.path, rows.size(), s.terminal());
        long created = 0;
        long updated = 0;
        long unchanged = 0;
        List<ImportFile.Error> rejected = new ArrayList<>();
        int done = 0;
        while (done < rows.size()) {
            List<ImportFile.Row> batch = new ArrayList<>();
            List<Object> body = new ArrayList<>();
            int bytes = 2;
            while (done + batch.size() < rows.size() && batch.size() < s.batchSize()) {
                ImportFile.Row row = rows.get(done + batch.size());
                int size = ImportJson.write(row.fields()).length + 1;
                if (!batch.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
                    break;
                }
                bytes += size;
                batch.add(row);
                body.add(row.fields());
            }
            CoreCaller.Reply r;
            try {
                r = post(core, "/v1/import/" + kind.path, ImportJson.write(body), err);
            } catch (IOException e) {
                err.println("import: " + s.url() + " could not be reached: " + e + "; " + done + " rows were "
                        + "imported; run the same file again to finish (imported rows count as unchanged)");
                return 2;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("import: interrupted after " + done + " rows");
                return 2;
            }
            if (r.status() != 200) {
                refused(err, name, batch, r, done);
                return r.status() == 422 ? 1 : 2;
            }
            Map<String, Object> answer = answer(r.body());
            created += number(answer.get("created"));
            updated += number(answer.get("updated"));
            unchanged += number(answer.get("unchanged"));
            if (answer.get("rejected") instanceof List<?> list) {
                for (Object o : list) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    ImportFile.Row row = batch.get((int) number(m.get("index")));
                    Object line = m.get("line");
                    rejected.add(line instanceof Number n && row.lineOfLines() != null
                            ? new ImportFile.Error(row.lineOfLines().get(n.intValue() - 1), "", "order "
                                    + m.get("orderNo") + " not placed: " + m.get("code") + ": " + m.get("message"))
                            : new ImportFile.Error(row.line(), "", "order " + m.get("orderNo") + " not placed: "
                                    + m.get("code") + ": " + m.get("message")));
                }
            }
            done += batch.size();
            progress.update(done);
        }
        report(err, name, rejected);
        out.println(String.format(Locale.ROOT, "imported %d %s from %s in %.1f s (%.0f rows/s): %d new, %d changed, "
                + "%d unchanged%s", rows.size() - rejected.size(), kind.path, name, progress.seconds(),
                progress.rate(rows.size()), created, updated, unchanged,
                rejected.isEmpty() ? "" : ", " + rejected.size() + " orders rejected (see above; run the file again "
                        + "once fixed)"));
        return rejected.isEmpty() ? 0 : 1;
    }

    /** One batch, retried while the core sheds load (503) or cannot be reached, with a growing pause. */
    private static CoreCaller.Reply post(CoreCaller core, String path, byte[] body, PrintStream err)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                CoreCaller.Reply r = core.send("POST", path, body, Duration.ofMinutes(5));
                if (r.status() != 503 || attempt == ATTEMPTS) {
                    return r;
                }
                err.println("import: the core is busy (503), retrying: " + r.body());
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                err.println("import: " + e + ", retrying");
            }
            Thread.sleep(500L << attempt);
        }
    }

    private static void refused(PrintStream err, String name, List<ImportFile.Row> batch, CoreCaller.Reply r,
            int done) {
        Map<String, Object> body = answer(r.body());
        List<ImportFile.Error> errors = new ArrayList<>();
        if (body.get("rows") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> m = (Map<?, ?>) o;
                ImportFile.Row row = batch.get((int) number(m.get("index")));
                errors.add(ImportFile.locate(row, new ImportRows.Problem(String.valueOf(m.get("field")),
                        String.valueOf(m.get("problem")))));
            }
        }
        report(err, name, errors);
        err.println("import: the core refused the batch of " + name + " lines " + batch.get(0).line() + ".."
                + batch.get(batch.size() - 1).line() + " (HTTP " + r.status() + "): " + r.body());
        err.println("import: nothing of that batch was imported" + (done == 0 ? "" : "; the " + done + " rows "
                + "before it were: fix the file and run it again (imported rows count as unchanged)"));
    }

    private static void report(PrintStream err, String name, List<ImportFile.Error> errors) {
        errors.stream().limit(MAX_REPORTED).forEach(e -> err.println(e.format(name)));
        if (errors.size() > MAX_REPORTED) {
            err.println("... and " + (errors.size() - MAX_REPORTED) + " more");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> answer(String body) {
        try {
            Object v = ImportJson.parse(body);
            return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}

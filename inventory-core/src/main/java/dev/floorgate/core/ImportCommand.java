package dev.floorgate.core;

import dev.floorgate.core.internal.ImportClient;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Imports warehouses, SKUs, locations (bins) or pick orders from a CSV or JSON-lines file into a running core
 * (IMPORT.md). Used by {@code ./floorgate core import} and the package's {@code floorgate-core import}:
 * <pre>java -cp inventory-core.jar dev.floorgate.core.ImportCommand skus skus.csv --url http://127.0.0.1:8081
 *     --key-id K --secret S [--tenant T] [--format csv|jsonl] [--batch 500]</pre>
 * The key, secret and URL default to the environment's {@code FG_CORE_KEY_ID}, {@code FG_CORE_SECRET} and
 * {@code FG_CORE_URL}. Exit status: 0 imported, 1 bad rows (nothing of the file sent) or rejected orders, 2 the
 * import could not run.
 */
public final class ImportCommand {
    private ImportCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The command without System.exit: returns the exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String url = env.getOrDefault("FG_CORE_URL", "http://127.0.0.1:8081");
        String keyId = env.get("FG_CORE_KEY_ID");
        String secret = env.get("FG_CORE_SECRET");
        String tenant = null;
        String format = null;
        int batch = 500;
        List<String> positional = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help")) {
                    out.println("usage: import warehouses|skus|locations|orders FILE [--url U] [--key-id K] "
                            + "[--secret S] [--tenant T] [--format csv|jsonl] [--batch ROWS]  (IMPORT.md)");
                    return 0;
                }
                if (!a.startsWith("--")) {
                    positional.add(a);
                    continue;
                }
                if (i + 1 >= args.length) {
                    err.println("import: option " + a + " needs a value");
                    return 2;
                }
                String v = args[++i];
                switch (a) {
                    case "--url": url = v; break;
                    case "--key-id": keyId = v; break;
                    case "--secret": secret = v; break;
                    case "--tenant": tenant = v; break;
                    case "--format": format = v; break;
                    case "--batch": batch = Integer.parseInt(v); break;
                    default:
                        err.println("import: unknown option '" + a + "' (try --help)");
                        return 2;
                }
            }
        } catch (NumberFormatException e) {
            err.println("import: --batch needs a number: " + e.getMessage());
            return 2;
        }
        if (positional.size() != 2) {
            err.println("import: expected KIND FILE, e.g. 'import skus skus.csv' (try --help)");
            return 2;
        }
        return ImportClient.run(new ImportClient.Settings(positional.get(0), Path.of(positional.get(1)), format,
                tenant, batch, url, keyId, secret, System.console() != null), out, err);
    }
}

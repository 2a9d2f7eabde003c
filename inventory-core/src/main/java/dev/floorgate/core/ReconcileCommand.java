package dev.floorgate.core;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a reconciliation on a running core through {@code POST /v1/admin/reconcile} and prints its report (JSON).
 * Used by {@code ./floorgate core reconcile}:
 * <pre>java -cp inventory-core.jar dev.floorgate.core.ReconcileCommand --url http://127.0.0.1:8081 --token T</pre>
 * The token defaults to the environment's {@code FG_CORE_ADMIN_TOKEN}. Exit status: 0 when Redis and MySQL agree,
 * 1 when differences were reported, 2 when the run could not be made.
 */
public final class ReconcileCommand {
    private static final Pattern DIFFERENCES = Pattern.compile("\"differenceCount\"\\s*:\\s*(\\d+)");

    private ReconcileCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command without System.exit: returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String url = "http://127.0.0.1:8081";
        String token = System.getenv("FG_CORE_ADMIN_TOKEN");
        long timeoutSeconds = 300;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length && !a.equals("--help")) {
                err.println("reconcile: option " + a + " needs a value");
                return 2;
            }
            switch (a) {
                case "--url":
                    url = args[++i];
                    break;
                case "--token":
                    token = args[++i];
                    break;
                case "--timeout":
                    timeoutSeconds = Long.parseLong(args[++i]);
                    break;
                case "--help":
                    out.println("usage: ReconcileCommand [--url http://127.0.0.1:8081] [--token ADMIN_TOKEN] "
                            + "[--timeout SECONDS]");
                    return 0;
                default:
                    err.println("reconcile: unknown option '" + a + "' (try --help)");
                    return 2;
            }
        }
        if (token == null || token.isEmpty()) {
            err.println("reconcile: no admin token: pass --token or set FG_CORE_ADMIN_TOKEN");
            return 2;
        }
        String target = url.replaceAll("/+$", "") + "/v1/admin/reconcile";
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(target))
                    .timeout(Duration.ofSeconds(timeoutSeconds)).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                err.println("reconcile: " + target + " answered " + r.statusCode() + ": " + r.body());
                return 2;
            }
            out.println(r.body());
            Matcher m = DIFFERENCES.matcher(r.body());
            int differences = m.find() ? Integer.parseInt(m.group(1)) : -1;
            if (differences < 0) {
                err.println("reconcile: the report carries no differenceCount");
                return 2;
            }
            err.println(differences == 0 ? "reconcile: Redis and MySQL agree"
                    : "reconcile: " + differences + " differences (see the report)");
            return differences == 0 ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("reconcile: calling " + target + " failed: " + e);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("reconcile: interrupted");
            return 2;
        }
    }
}

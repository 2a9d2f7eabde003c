package dev.floorgate.core;

import dev.floorgate.core.internal.CoreCaller;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One signed request to a core, for scripts (CORE-API.md, "Request signing"): {@code ./floorgate core call} and
 * the package's {@code floorgate-core call}:
 * <pre>java -cp inventory-core.jar dev.floorgate.core.CallCommand PUT /v1/skus/acme/SKU-1 '{"name":"Tape"}'
 *     [--url U] [--key-id K] [--secret S]</pre>
 * The body is the third argument, or {@code @FILE} for a file's bytes, or {@code @-} for standard input. The path
 * is sent and signed as given (percent-encode a '/' inside a SKU as %2F). The status line goes to standard error,
 * the body to standard output. Exit status: 0 for 1xx-3xx, 1 for 4xx/5xx, 2 when no request could be made.
 */
public final class CallCommand {
    private CallCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The command without System.exit: returns the exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String url = env.getOrDefault("FG_CORE_URL", "http://127.0.0.1:8081");
        String keyId = env.get("FG_CORE_KEY_ID");
        String secret = env.get("FG_CORE_SECRET");
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help")) {
                out.println("usage: call METHOD PATH [BODY|@FILE|@-] [--url U] [--key-id K] [--secret S]");
                return 0;
            }
            if (!a.startsWith("--")) {
                positional.add(a);
            } else if (i + 1 >= args.length) {
                err.println("call: option " + a + " needs a value");
                return 2;
            } else if (a.equals("--url")) {
                url = args[++i];
            } else if (a.equals("--key-id")) {
                keyId = args[++i];
            } else if (a.equals("--secret")) {
                secret = args[++i];
            } else {
                err.println("call: unknown option '" + a + "' (try --help)");
                return 2;
            }
        }
        if (positional.size() < 2 || positional.size() > 3 || !positional.get(1).startsWith("/")) {
            err.println("call: expected METHOD PATH [BODY|@FILE], e.g. 'call GET /v1/stock/acme/SH01/SKU-1'");
            return 2;
        }
        if (keyId == null || keyId.isEmpty() || secret == null || secret.isEmpty()) {
            err.println("call: no key: pass --key-id and --secret or set FG_CORE_KEY_ID and FG_CORE_SECRET");
            return 2;
        }
        String method = positional.get(0).toUpperCase(Locale.ROOT);
        try {
            byte[] body = positional.size() < 3 ? new byte[0] : body(positional.get(2));
            CoreCaller.Reply r = new CoreCaller(url, keyId, secret).send(method, positional.get(1), body,
                    Duration.ofMinutes(5));
            err.println("HTTP " + r.status());
            out.println(r.body());
            return r.status() >= 400 ? 1 : 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("call: " + method + " " + url + positional.get(1) + " failed: " + e);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("call: interrupted");
            return 2;
        }
    }

    private static byte[] body(String arg) throws IOException {
        if (arg.equals("@-")) {
            return System.in.readAllBytes();
        }
        return arg.startsWith("@") ? Files.readAllBytes(Path.of(arg.substring(1)))
                : arg.getBytes(StandardCharsets.UTF_8);
    }
}

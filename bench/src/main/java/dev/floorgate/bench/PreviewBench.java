package dev.floorgate.bench;

import dev.floorgate.templates.LabelTemplate;
import dev.floorgate.templates.TemplateCatalog;
import dev.floorgate.templates.ZplPreview;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * PNG preview time per label (render + draw + PNG encoding, one thread, warm JVM): median and p99 over every
 * label of a set, each previewed {@code --rounds} times after a warm-up. Sets: the built-in templates with their
 * sample data, and every {@code .zpl} file of each directory given (default: print-templates' carrier labels and,
 * if present, its real-label corpus). The baseline in the same run is a blank 4 x 6 in label at 203 dpi, which
 * costs the canvas and the PNG encoding only, so "per label minus blank" is the drawing itself.
 *
 * <pre>./floorgate bench PreviewBench [--rounds 20] [DIR...]</pre>
 */
public final class PreviewBench {
    private PreviewBench() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = 20;
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[++i]);
            } else {
                dirs.add(Paths.get(args[i]));
            }
        }
        if (dirs.isEmpty()) {
            dirs.add(Paths.get("print-templates/src/test/resources/carrier"));
            Path corpus = Paths.get("print-templates/src/test/resources/corpus");
            if (Files.isDirectory(corpus)) {
                dirs.add(corpus);
            }
        }
        Map<String, List<String>> sets = new LinkedHashMap<>();
        sets.put("blank 4x6 in (baseline)", List.of("^XA^XZ"));
        List<String> builtIns = new ArrayList<>();
        for (LabelTemplate t : TemplateCatalog.builtIn().all()) {
            builtIns.add(t.render(t.sampleData(), 1).zpl());
        }
        sets.put("built-in templates", builtIns);
        for (Path dir : dirs) {
            List<String> labels = new ArrayList<>();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".zpl")).sorted()::iterator) {
                    labels.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            sets.put(dir.toString(), labels);
        }
        // Warm-up: every label of every set, enough times for the JIT to compile the drawing paths.
        for (int w = 0; w < 5; w++) {
            for (List<String> labels : sets.values()) {
                for (String zpl : labels) {
                    ZplPreview.render(zpl, 203);
                }
            }
        }
        System.out.printf("PNG preview per label at 203 dpi, %d rounds, one thread%n", rounds);
        for (Map.Entry<String, List<String>> set : sets.entrySet()) {
            List<String> labels = set.getValue();
            long[] nanos = new long[labels.size() * rounds];
            int k = 0;
            int warnings = 0;
            for (int r = 0; r < rounds; r++) {
                for (String zpl : labels) {
                    long s = System.nanoTime();
                    warnings += r == 0 ? ZplPreview.render(zpl, 203).warnings().size() : 0;
                    if (r > 0) {
                        ZplPreview.render(zpl, 203);
                    }
                    nanos[k++] = System.nanoTime() - s;
                }
            }
            Arrays.sort(nanos);
            System.out.printf("  %-45s %3d labels  median %6.2f ms  p99 %6.2f ms  (%d warnings)%n", set.getKey(),
                    labels.size(), quantile(nanos, 0.5), quantile(nanos, 0.99), warnings);
        }
    }

    private static double quantile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
        return sorted[i] / 1e6;
    }
}

package dev.floorgate.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every document the repository cites is in the repository. Code comments and READMEs name API.md, PROTOCOLS.md,
 * DESIGN.md and module READMEs; a clone must be able to follow each of them, and docs/ARCHITECTURE.md names
 * classes that must still exist. A bare {@code API.md} resolves against the citing file's folder, the repo root or
 * {@code docs/}, in that order.
 */
class DocReferencesTest {

    /**
     * References known to be broken whose fix lies in files other helpers own (module READMEs may not be edited on
     * this branch). Each entry is "file -> target"; the lead removes it with the fix. The first test fails when an
     * entry no longer occurs, so this list cannot outlive its reason.
     */
    /** Written apart in this file's own literals, so that the scan of this file does not find them. */
    private static final String MD = ".md";

    static final Set<String> PENDING_FIXES = new LinkedHashSet<>(Arrays.asList(
        "barcodes/README" + MD + " -> /work/shared/PROTOCOLS" + MD,
        "device-drivers/README" + MD + " -> /work/shared/PROTOCOLS" + MD));

    @Test
    void everyDocumentReferenceInTheRepositoryResolves() throws IOException {
        Path root = repoRoot(Path.of("").toAbsolutePath());
        List<String> broken = check(root);

        Set<String> pending = new TreeSet<>();
        List<String> unexpected = new ArrayList<>();
        for (String line : broken) {
            String key = withoutLineNumber(line);
            if (PENDING_FIXES.contains(key)) {
                pending.add(key);
            } else {
                unexpected.add(line);
            }
        }
        assertThat(unexpected)
            .as("broken references (file:line -> target) under %s", root)
            .isEmpty();
        assertThat(pending)
            .as("PENDING_FIXES entries that no longer occur; remove them from the list")
            .containsExactlyInAnyOrderElementsOf(PENDING_FIXES);
    }

    @Test
    void aBrokenReferenceIsReportedWithItsFileAndLine(@TempDir Path tree) throws IOException {
        write(tree, "floorgate", "#!/bin/sh\n");
        write(tree, "pom.xml", "<project/>\n");
        write(tree, "docs/API" + MD, "# API\n");
        write(tree, "mod/README" + MD, "# mod\n\nSee [the API](../docs/API" + MD + ") and [gone](../docs/GONE" + MD
            + "#x).\n[site](https://example.com/x" + MD + ") [anchor](#top)\n");
        write(tree, "mod/src/main/java/a/RealClass.java",
            "package a;\n/** As API" + MD + " says, and MISSING" + MD + " does not. */\nclass RealClass {}\n");
        write(tree, "docs/ARCHITECTURE" + MD,
            "# A\n\n`RealClass` hands to `GhostClass`, then `PICK` and `a.b`.\n");
        write(tree, "mod/target/Ignored.java", "// build output: MISSING2" + MD + " is not scanned\n");

        List<String> broken = check(repoRoot(tree.resolve("mod/src/main/java/a")));

        assertThat(broken).containsExactlyInAnyOrder(
            "mod/README" + MD + ":3 -> ../docs/GONE" + MD + "#x",
            "mod/src/main/java/a/RealClass.java:2 -> MISSING" + MD,
            "docs/ARCHITECTURE" + MD + ":3 -> GhostClass (no GhostClass.java under */src/main/java)");
    }

    // ---- the checker ----

    private static final Set<String> TEXT_EXTENSIONS =
        Set.of(".java", ".md", ".js", ".html", ".css", ".yml", ".xml", ".sh");
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", ".idea");

    /** A file name ending in .md, as a whole token (not the tail of a longer word). */
    private static final Pattern MD_FILE = Pattern.compile("(?<![\\w./:-])([\\w./:-]*\\w\\.md)(?![\\w])");
    /** A markdown link or image, {@code [text](target)} or {@code [text](target "title")}. */
    private static final Pattern MD_LINK = Pattern.compile("\\]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");
    /** A backticked UpperCamelCase name without dots: a class name in docs/ARCHITECTURE.md. */
    private static final Pattern CLASS_NAME = Pattern.compile("`([A-Z][a-z][A-Za-z0-9]*)`");

    /** Every broken reference under {@code root} as {@code file:line -> target}, files relative to root. */
    static List<String> check(Path root) throws IOException {
        List<String> files = trackedFiles(root);
        List<String> broken = new ArrayList<>();
        for (String file : files) {
            if (!isText(file)) {
                continue;
            }
            Path path = root.resolve(file);
            if (!Files.isRegularFile(path)) {
                continue; // deleted in the work tree but still in the index
            }
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                for (String target : references(file, lines.get(i))) {
                    if (!resolves(root, path.getParent(), target)) {
                        broken.add(file + ":" + (i + 1) + " -> " + target);
                    }
                }
            }
        }
        broken.addAll(missingClasses(root, files));
        return broken;
    }

    private static Set<String> references(String file, String line) {
        Set<String> targets = new LinkedHashSet<>();
        if (file.endsWith(".md")) {
            Matcher link = MD_LINK.matcher(line);
            while (link.find()) {
                String target = link.group(1);
                if (!target.startsWith("#") && !target.contains("://") && !target.startsWith("mailto:")) {
                    targets.add(target);
                }
            }
        }
        Matcher md = MD_FILE.matcher(line);
        while (md.find()) {
            String target = md.group(1);
            if (!target.contains("://") && targets.stream().noneMatch(t -> stripAnchor(t).equals(target))) {
                targets.add(target);
            }
        }
        return targets;
    }

    private static boolean resolves(Path root, Path folder, String target) {
        String plain = stripAnchor(target);
        if (plain.isEmpty()) {
            return true;
        }
        if (plain.startsWith("/")) {
            return Files.exists(root.resolve(plain.substring(1)).normalize()); // as GitHub reads a rooted link
        }
        return Stream.of(folder, root, root.resolve("docs"))
            .anyMatch(base -> Files.exists(base.resolve(plain).normalize()));
    }

    private static List<String> missingClasses(Path root, List<String> files) throws IOException {
        Path architecture = root.resolve("docs/ARCHITECTURE.md");
        if (!Files.isRegularFile(architecture)) {
            return List.of();
        }
        Set<String> classes = files.stream()
            .filter(f -> f.matches("[^/]+/src/main/java/.*\\.java"))
            .map(f -> f.substring(f.lastIndexOf('/') + 1, f.length() - ".java".length()))
            .collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        List<String> lines = Files.readAllLines(architecture, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            Matcher name = CLASS_NAME.matcher(lines.get(i));
            while (name.find()) {
                if (!classes.contains(name.group(1))) {
                    missing.add("docs/ARCHITECTURE.md:" + (i + 1) + " -> " + name.group(1)
                        + " (no " + name.group(1) + ".java under */src/main/java)");
                }
            }
        }
        return missing;
    }

    /** Git's tracked files when this is a git work tree, else every file below root outside build output. */
    static List<String> trackedFiles(Path root) throws IOException {
        List<String> fromGit = gitLsFiles(root);
        if (!fromGit.isEmpty()) {
            return fromGit;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                .map(p -> root.relativize(p).toString().replace('\\', '/'))
                .filter(f -> Arrays.stream(f.split("/")).noneMatch(SKIPPED_DIRS::contains))
                .sorted()
                .collect(Collectors.toList());
        }
    }

    private static List<String> gitLsFiles(Path root) {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z").directory(root.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out;
            try (InputStream in = git.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
                return List.of();
            }
            // Only files of this tree: a temp folder inside some other repository must not borrow its list.
            String prefix = gitPrefix(root);
            if (prefix == null || !prefix.isEmpty()) {
                return List.of();
            }
            return Arrays.stream(new String(out, StandardCharsets.UTF_8).split("\0"))
                .filter(f -> !f.isEmpty())
                .collect(Collectors.toList());
        } catch (IOException e) {
            return List.of(); // no git on this machine: walk the tree
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The path of root inside its git work tree ("" at the top), or null when git cannot say. */
    private static String gitPrefix(Path root) throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "rev-parse", "--show-prefix").directory(root.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String prefix;
        try (InputStream in = git.getInputStream()) {
            prefix = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 ? prefix : null;
    }

    /** The nearest folder at or above start that holds the {@code floorgate} script and a pom.xml. */
    static Path repoRoot(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("floorgate")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder at or above " + start + " holds both floorgate and pom.xml");
    }

    private static boolean isText(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return name.equals("floorgate") || (dot >= 0 && TEXT_EXTENSIONS.contains(name.substring(dot)));
    }

    private static String stripAnchor(String target) {
        int hash = target.indexOf('#');
        return hash < 0 ? target : target.substring(0, hash);
    }

    private static String withoutLineNumber(String brokenLine) {
        int arrow = brokenLine.indexOf(" -> ");
        int colon = brokenLine.lastIndexOf(':', arrow);
        return brokenLine.substring(0, colon) + brokenLine.substring(arrow);
    }

    private static void write(Path root, String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text, StandardCharsets.UTF_8);
    }
}

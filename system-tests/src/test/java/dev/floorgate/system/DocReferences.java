package dev.floorgate.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds references to documents that do not resolve. Scans the repository's text files (.java .md .js .html .css
 * .yml .xml .sh and the {@code floorgate} script) for:
 * <ul>
 *   <li>names of {@code *.md} files, resolved against the citing file's folder, the repo root or {@code docs/}
 *       (so a bare {@code API.md} in a comment means docs/API.md); a section cited right after the name must be a
 *       heading there: a number ({@code PROTOCOLS.md 6.2}, {@code section 7}) must start a heading, a quoted title
 *       ({@code API.md, "Request signing"}) must be part of one;</li>
 *   <li>relative markdown links {@code [text](path#anchor)} in .md files, the anchor a heading's GitHub slug;</li>
 *   <li>backticked class names ({@code `OperationIntake`}) in docs/ARCHITECTURE.md, each of which must exist as
 *       {@code <Name>.java} under some module's {@code src/main/java}.</li>
 * </ul>
 * Each problem is reported as {@code file:line -> target}, the file relative to the root.
 */
final class DocReferences {

    private static final Set<String> TEXT_EXTENSIONS =
        Set.of(".java", ".md", ".js", ".html", ".css", ".yml", ".xml", ".sh");
    /** Build output and tool folders, skipped when the tree is walked instead of asking git. */
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "node_modules", ".idea");

    /** A file name ending in .md, as a whole token (not the tail of a longer word). */
    private static final Pattern MD_FILE = Pattern.compile("(?<![\\w./:-])([\\w./:-]*\\w\\.md)(?![\\w])");
    /** Right after a file name: a section number, {@code 6.2}, {@code section 7}, {@code 1-2} (the first counts). */
    private static final Pattern SECTION_NUMBER =
        Pattern.compile("^,?\\s+(?:sections?\\s+)?(\\d+(?:\\.\\d+)*)(?![\\d.]*\\w)");
    /** Right after a file name: a quoted section title closed on the same line. */
    private static final Pattern SECTION_TITLE = Pattern.compile("^,?\\s+\"([^\"]+)\"");
    /** A markdown link or image, {@code [text](target)} or {@code [text](target "title")}. */
    private static final Pattern MD_LINK = Pattern.compile("\\]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");
    /** A backticked UpperCamelCase name without dots: a class name in docs/ARCHITECTURE.md. */
    private static final Pattern CLASS_NAME = Pattern.compile("`([A-Z][a-z][A-Za-z0-9]*)`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    /** Marks a numbered section (as opposed to a title) in a reference. */
    private static final String SECTION_SIGN = "\u00a7";

    private final Path root;
    private final Map<Path, List<String>> headings = new HashMap<>();

    private DocReferences(Path root) {
        this.root = root;
    }

    /** Every broken reference under {@code root}, in file order. */
    static List<String> check(Path root) throws IOException {
        return new DocReferences(root).run();
    }

    private List<String> run() throws IOException {
        List<String> files = trackedFiles(root);
        List<String> broken = new ArrayList<>();
        for (String file : files) {
            if (!isText(file) || !Files.isRegularFile(root.resolve(file))) {
                continue; // a binary, or deleted in the work tree but still in the index
            }
            Path path = root.resolve(file);
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                for (String[] ref : references(file, lines.get(i))) {
                    String problem = problem(path.getParent(), ref[0], ref[1]);
                    if (problem != null) {
                        broken.add(file + ":" + (i + 1) + " -> " + problem);
                    }
                }
            }
        }
        broken.addAll(missingClasses(files));
        return broken;
    }

    /** Targets on one line, each as {target, section}: the section cited after it (a number, a title) or null. */
    private static List<String[]> references(String file, String line) {
        List<String[]> refs = new ArrayList<>();
        Set<String> linked = new HashSet<>();
        if (file.endsWith(".md")) {
            Matcher link = MD_LINK.matcher(line);
            while (link.find()) {
                String target = link.group(1);
                if (!target.startsWith("#") && !target.contains("://") && !target.startsWith("mailto:")) {
                    refs.add(new String[] {target, null});
                    linked.add(stripAnchor(target));
                }
            }
        }
        Matcher md = MD_FILE.matcher(line);
        while (md.find()) {
            String target = md.group(1);
            if (target.contains("://")) {
                continue;
            }
            String rest = line.substring(md.end());
            Matcher number = SECTION_NUMBER.matcher(rest);
            Matcher title = SECTION_TITLE.matcher(rest);
            String section = number.find() ? SECTION_SIGN + number.group(1) : title.find() ? title.group(1) : null;
            if (section != null || !linked.contains(target)) {
                refs.add(new String[] {target, section});
            }
        }
        return refs;
    }

    /** Why a reference does not resolve, as "target (reason)", or null when it does. */
    private String problem(Path folder, String target, String section) throws IOException {
        int hash = target.indexOf('#');
        String plain = hash < 0 ? target : target.substring(0, hash);
        Path resolved = resolve(folder, plain);
        if (resolved == null) {
            return target;
        }
        boolean markdown = Files.isRegularFile(resolved) && resolved.toString().endsWith(".md");
        if (hash >= 0 && markdown && !headingsOf(resolved).stream().map(DocReferences::slug)
                .collect(Collectors.toSet()).contains(target.substring(hash + 1))) {
            return target + " (no heading with that anchor)";
        }
        if (section != null && markdown && !hasSection(resolved, section)) {
            String cited = section.startsWith(SECTION_SIGN) ? "section " + section.substring(1) : "\"" + section + "\"";
            return target + " " + cited + " (no such heading)";
        }
        return null;
    }

    private Path resolve(Path folder, String plain) {
        if (plain.isEmpty()) {
            return folder;
        }
        if (plain.startsWith("/")) {
            Path rooted = root.resolve(plain.substring(1)).normalize(); // as GitHub reads a rooted link
            return Files.exists(rooted) ? rooted : null;
        }
        for (Path base : List.of(folder, root, root.resolve("docs"))) {
            Path candidate = base.resolve(plain).normalize();
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private boolean hasSection(Path doc, String section) throws IOException {
        List<String> titles = headingsOf(doc);
        if (section.startsWith(SECTION_SIGN)) {
            String number = section.substring(1);
            return titles.stream().anyMatch(t -> t.equals(number) || t.startsWith(number + " ")
                || t.startsWith(number + ". "));
        }
        String wanted = plainText(section);
        return titles.stream().anyMatch(t -> plainText(t).contains(wanted));
    }

    private List<String> headingsOf(Path doc) throws IOException {
        List<String> known = headings.get(doc);
        if (known == null) {
            known = new ArrayList<>();
            boolean fenced = false;
            for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
                if (line.startsWith("```")) {
                    fenced = !fenced;
                }
                Matcher h = HEADING.matcher(line);
                if (!fenced && h.matches()) {
                    known.add(h.group(1));
                }
            }
            headings.put(doc, known);
        }
        return known;
    }

    /** GitHub's anchor for a heading: lower case, punctuation other than '-' and '_' dropped, spaces to '-'. */
    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static String plainText(String text) {
        return text.replaceAll("[*`_]", "").toLowerCase(Locale.ROOT).trim();
    }

    private List<String> missingClasses(List<String> files) throws IOException {
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

    /** Git's tracked files when root is the top of a git work tree, else every file below root outside build output. */
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
            // Only the files of this tree: a temp folder inside some other repository must not borrow its list.
            if (!"".equals(git(root, "rev-parse", "--show-prefix"))) {
                return List.of();
            }
            String out = git(root, "ls-files", "-z");
            return out == null ? List.of() : Arrays.stream(out.split("\0"))
                .filter(f -> !f.isEmpty())
                .collect(Collectors.toList());
        } catch (IOException e) {
            return List.of(); // no git on this machine: walk the tree
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** The trimmed output of a git command in dir, or null when it fails. */
    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(Arrays.asList(args));
        Process git = new ProcessBuilder(command).directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out;
        try (InputStream in = git.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        if (!git.waitFor(30, TimeUnit.SECONDS)) {
            git.destroyForcibly();
            return null;
        }
        return git.exitValue() == 0 ? out : null;
    }

    /** The nearest folder at or above start that holds the {@code floorgate} script and a pom.xml. */
    static Path repoRoot(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
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
}

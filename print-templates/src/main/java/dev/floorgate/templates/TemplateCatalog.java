package dev.floorgate.templates;

import dev.floorgate.templates.internal.TemplateDefinition;
import dev.floorgate.templates.internal.TemplateFileParser;
import dev.floorgate.templates.internal.TemplateSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The templates a gateway can print: the built-in set, plus the site's own from {@code fg.templates-dir}.
 *
 * <p>Site templates are the {@code *.zpl} files directly in that directory (other files and sub-directories are
 * ignored), in the format described by the module README. A site template whose name is a built-in's replaces
 * the built-in (so a site can restyle {@code shipping-4x6}); two site files with one name are an error. Loading
 * checks every file and fails with a {@link TemplateLoadException} listing each problem with file and line,
 * so a broken directory never half-loads. Immutable and thread-safe.
 */
public final class TemplateCatalog {
    /** The built-in templates, in {@code src/main/resources/dev/floorgate/templates/builtin/}. */
    public static final List<String> BUILT_IN_NAMES = List.of("shipping-4x6", "sku-gtin", "bin-location",
            "sscc-pallet", "pda-enrollment", "parcel-intake");
    /** Site template files larger than this are refused: a template is a few kilobytes. */
    public static final int MAX_TEMPLATE_BYTES = 256 * 1024;
    /** At most this many site templates. */
    public static final int MAX_SITE_TEMPLATES = 500;

    private static final Logger LOG = LoggerFactory.getLogger(TemplateCatalog.class);
    private static final String BUILT_IN_DIR = "/dev/floorgate/templates/builtin/";

    private static volatile TemplateCatalog builtIn;

    private final Map<String, LabelTemplate> templates;

    private TemplateCatalog(Map<String, LabelTemplate> templates) {
        this.templates = Collections.unmodifiableMap(new TreeMap<>(templates));
    }

    /** The built-in templates only. Loaded once. */
    public static TemplateCatalog builtIn() {
        TemplateCatalog c = builtIn;
        if (c == null) {
            synchronized (TemplateCatalog.class) {
                c = builtIn;
                if (c == null) {
                    c = new TemplateCatalog(loadBuiltIns());
                    builtIn = c;
                }
            }
        }
        return c;
    }

    /**
     * The built-ins plus the templates of {@code dir}.
     *
     * @throws TemplateLoadException naming file, line and problem for every bad template
     * @throws IOException           when the directory cannot be read
     */
    public static TemplateCatalog withSiteDirectory(Path dir) throws IOException {
        if (dir == null) {
            throw new IllegalArgumentException("site template directory is null");
        }
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "site template directory (fg.templates-dir) does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " (fg.templates-dir must be a directory)");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.zpl")) {
            for (Path p : stream) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                    files.add(p);
                }
            }
        }
        Collections.sort(files);
        List<TemplateLoadException.Problem> problems = new ArrayList<>();
        if (files.size() > MAX_SITE_TEMPLATES) {
            problems.add(new TemplateLoadException.Problem(dir, 0, files.size() + " template files exceed the limit of "
                    + MAX_SITE_TEMPLATES));
            throw new TemplateLoadException(problems);
        }
        Map<String, LabelTemplate> all = new TreeMap<>(builtIn().templates);
        Map<String, Path> siteNames = new TreeMap<>();
        for (Path file : files) {
            TemplateDefinition def;
            try {
                def = parseFile(file);
            } catch (TemplateSyntaxException e) {
                problems.add(new TemplateLoadException.Problem(file, e.line(), e.getMessage()));
                continue;
            } catch (TemplateLoadException e) {
                problems.addAll(e.problems());
                continue;
            }
            Path first = siteNames.putIfAbsent(def.name(), file);
            if (first != null) {
                problems.add(new TemplateLoadException.Problem(file, 0, "duplicate template name '" + def.name()
                        + "', already defined by " + first));
                continue;
            }
            if (all.containsKey(def.name())) {
                LOG.info("site template {} replaces the built-in template '{}'", file, def.name());
            }
            all.put(def.name(), new LabelTemplate(def));
        }
        if (!problems.isEmpty()) {
            throw new TemplateLoadException(problems);
        }
        LOG.info("loaded {} site templates from {}", siteNames.size(), dir);
        return new TemplateCatalog(all);
    }

    private static TemplateDefinition parseFile(Path file) throws IOException, TemplateSyntaxException {
        long size = Files.size(file);
        if (size > MAX_TEMPLATE_BYTES) {
            throw new TemplateLoadException(file, 0, "file of " + size + " bytes exceeds " + MAX_TEMPLATE_BYTES
                    + " bytes", null);
        }
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new TemplateLoadException(file, 0, "not valid UTF-8", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String fileName = file.getFileName().toString();
        return TemplateFileParser.parse(text, fileName.substring(0, fileName.length() - 4), file.toString());
    }

    private static Map<String, LabelTemplate> loadBuiltIns() {
        Map<String, LabelTemplate> map = new TreeMap<>();
        for (String name : BUILT_IN_NAMES) {
            String resource = BUILT_IN_DIR + name + ".zpl";
            try (InputStream in = TemplateCatalog.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("built-in template resource " + resource + " is missing");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                map.put(name, new LabelTemplate(TemplateFileParser.parse(text, name, "builtin:" + name)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read built-in template " + resource, e);
            } catch (TemplateSyntaxException e) {
                throw new IllegalStateException("built-in template " + resource + " line " + e.line() + ": "
                        + e.getMessage(), e);
            }
        }
        return map;
    }

    public Optional<LabelTemplate> find(String name) {
        return Optional.ofNullable(name == null ? null : templates.get(name));
    }

    /** All templates, by name. */
    public List<LabelTemplate> all() {
        return List.copyOf(templates.values());
    }

    @Override
    public String toString() {
        return "TemplateCatalog" + templates.keySet();
    }
}

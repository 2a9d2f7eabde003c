package dev.floorgate.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every document the repository cites is in the repository. Code comments and READMEs name API.md, PROTOCOLS.md,
 * DESIGN.md, their sections and module READMEs; a clone must be able to follow each of them, and
 * docs/ARCHITECTURE.md names classes that must still exist ({@link DocReferences} says what is checked).
 */
class DocReferencesTest {

    /** Written apart in this file's own literals, so that the scan of this very file does not find them. */
    private static final String MD = ".md";

    /**
     * References known to be broken whose fix lies in files other helpers own (module READMEs may not be edited on
     * the docs branch). Each entry is "file -> target"; the lead removes it together with the fix. The test fails
     * when an entry no longer occurs, so this list cannot outlive its reason.
     */
    static final Set<String> PENDING_FIXES = new LinkedHashSet<>();

    @Test
    void everyDocumentReferenceInTheRepositoryResolves() throws IOException {
        Path root = DocReferences.repoRoot(Path.of(""));
        List<String> broken = DocReferences.check(root);

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
        write(tree, "docs/API" + MD, "# API\n\n## Request signing\n\n### 6.2 AIM ids\n\n```\n# not a heading\n```\n");
        write(tree, "mod/README" + MD, "# mod\n\n"
            + "See [the API](../docs/API" + MD + ") and [gone](../docs/GONE" + MD + "#x).\n"
            + "[site](https://example.com/x" + MD + ") [anchor](#top) [signing](../docs/API" + MD
            + "#request-signing)\n"
            + "[no such part](../docs/API" + MD + "#not-a-heading)\n");
        write(tree, "mod/src/main/java/a/RealClass.java", "package a;\n"
            + "/** As API" + MD + " says, and MISSING" + MD + " does not. */\n"
            + "/** API" + MD + ", \"Request signing\"; API" + MD + " 6.2; API" + MD + " section 6.2 */\n"
            + "/** API" + MD + ", \"Events\" and API" + MD + " 6.3, and API" + MD + " guarantee 9 is no section */\n"
            + "class RealClass {}\n");
        write(tree, "docs/ARCHITECTURE" + MD,
            "# A\n\n`RealClass` hands to `GhostClass`, then `PICK` and `a.b`.\n");
        write(tree, "mod/target/Ignored.java", "// build output: MISSING2" + MD + " is not scanned\n");

        List<String> broken = DocReferences.check(DocReferences.repoRoot(tree.resolve("mod/src/main/java/a")));

        assertThat(broken).containsExactlyInAnyOrder(
            "mod/README" + MD + ":3 -> ../docs/GONE" + MD + "#x",
            "mod/README" + MD + ":5 -> ../docs/API" + MD + "#not-a-heading (no heading with that anchor)",
            "mod/src/main/java/a/RealClass.java:2 -> MISSING" + MD,
            "mod/src/main/java/a/RealClass.java:4 -> API" + MD + " \"Events\" (no such heading)",
            "mod/src/main/java/a/RealClass.java:4 -> API" + MD + " section 6.3 (no such heading)",
            "docs/ARCHITECTURE" + MD + ":3 -> GhostClass (no GhostClass.java under */src/main/java)");
    }

    @Test
    void slugsFollowGitHub() {
        assertThat(DocReferences.slug("1.1 Ports and connection behaviour"))
            .isEqualTo("11-ports-and-connection-behaviour");
        assertThat(DocReferences.slug("Meaning at the core")).isEqualTo("meaning-at-the-core");
        assertThat(DocReferences.slug("2.1 `~HS` host status")).isEqualTo("21-hs-host-status");
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

package dev.floorgate.sqlite;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The numbered migrations of one kind of SQLite file, keyed by {@code PRAGMA user_version}.
 *
 * <p><b>Contract.</b> Step {@code n} turns a file at version {@code n-1} into version {@code n}; steps are numbered
 * 1, 2, 3... without gaps and never change once released (a new need is a new step). {@link #migrate} reads the
 * file's version {@code v} and runs steps {@code v+1..latest}, each in its own transaction ({@code BEGIN IMMEDIATE},
 * the step, {@code PRAGMA user_version = n}, {@code COMMIT}). The version lives in the database header and is
 * written inside the step's transaction, so the <b>commit point</b> of a step is its COMMIT: a step that fails (or
 * a crash during it) leaves the file exactly at {@code n-1}, and the next open runs it again.
 *
 * <p><b>Refusals.</b> A file whose version is above {@link #latest()} was written by newer code; it is refused
 * with both numbers and the path, untouched (an older gateway must not guess at a newer schema).
 *
 * <p><b>Unversioned files.</b> A file with {@code user_version = 0} and no tables is new: every step runs. A file
 * with {@code user_version = 0} that already has tables was made before versioning; it is adopted only through a
 * {@link Builder#baseline baseline}: the tables that version {@code b} of the schema has must all exist, and then
 * the file is stamped {@code b} (one transaction) and the steps after {@code b} run. Without a baseline, or with a
 * table missing, the file is refused naming the missing tables.
 */
public final class Schema {
    private static final Logger log = LoggerFactory.getLogger(Schema.class);

    /** One migration step: runs inside an open transaction on the writer's connection; must not commit. */
    public interface Step {
        void apply(Connection c) throws SQLException;
    }

    private final String what;
    private final List<Step> steps;
    private final List<String> descriptions;
    private final int baselineVersion;
    private final Set<String> baselineTables;

    private Schema(Builder b) {
        this.what = b.what;
        this.steps = Collections.unmodifiableList(new ArrayList<>(b.steps));
        this.descriptions = Collections.unmodifiableList(new ArrayList<>(b.descriptions));
        this.baselineVersion = b.baselineVersion;
        this.baselineTables = Collections.unmodifiableSet(new TreeSet<>(b.baselineTables));
    }

    /** @param what names the kind of file in errors and logs ("outbox", "print spool") */
    public static Builder builder(String what) {
        return new Builder(what);
    }

    /** The version the last step produces. */
    public int latest() {
        return steps.size();
    }

    /**
     * This schema as the code of {@code version} knew it: its first {@code version} steps (and the baseline, if not
     * above them). For tests that make a file as an older gateway left it, or that pin each released step's result.
     *
     * @throws IllegalArgumentException when {@code version} is not between 1 and {@link #latest()}
     */
    public Schema upTo(int version) {
        if (version < 1 || version > latest()) {
            throw new IllegalArgumentException(what + " schema has versions 1 to " + latest() + ", not " + version);
        }
        Builder b = new Builder(what);
        for (int n = 1; n <= version; n++) {
            b.step(n, descriptions.get(n - 1), steps.get(n - 1));
        }
        if (baselineVersion > 0 && baselineVersion <= version) {
            b.baseline(baselineVersion, baselineTables.toArray(new String[0]));
        }
        return b.build();
    }

    /** Names the kind of file, as given to {@link #builder}. */
    public String what() {
        return what;
    }

    /**
     * Brings the file behind {@code c} to {@link #latest()}; returns the version it had before. {@code c} must be
     * in auto-commit mode with no transaction open; {@code file} only names the file in errors.
     *
     * @throws IOException naming the file and the versions when the file is newer than this code, an unversioned
     *                     file cannot be adopted, or a step fails (the file then stays at the version before it)
     */
    public int migrate(Connection c, Path file) throws IOException {
        int found;
        try {
            found = userVersion(c);
        } catch (SQLException e) {
            throw new IOException("cannot read the schema version of " + what + " " + file + ": " + e.getMessage(),
                    e);
        }
        if (found > latest()) {
            throw new IOException(what + " " + file + " has schema version " + found + ", newer than this code's "
                    + latest() + "; refusing to open it (it was written by a newer gateway)");
        }
        int version = found;
        if (version == 0) {
            version = adoptUnversioned(c, file);
        }
        for (int n = version + 1; n <= latest(); n++) {
            runStep(c, file, n);
        }
        return found;
    }

    private int adoptUnversioned(Connection c, Path file) throws IOException {
        Set<String> tables;
        try {
            tables = tables(c);
        } catch (SQLException e) {
            throw new IOException("cannot list the tables of " + what + " " + file + ": " + e.getMessage(), e);
        }
        if (tables.isEmpty()) {
            return 0; // a new file: every step runs
        }
        if (baselineVersion == 0) {
            throw new IOException(what + " " + file + " has tables " + tables + " but no schema version, and this "
                    + "code has no baseline to adopt such a file; refusing to open it");
        }
        Set<String> missing = new TreeSet<>(baselineTables);
        missing.removeAll(tables);
        if (!missing.isEmpty()) {
            throw new IOException(what + " " + file + " has no schema version and lacks tables " + missing
                    + " of version " + baselineVersion + "; refusing to adopt it");
        }
        inTransaction(c, file, "stamp the unversioned file as version " + baselineVersion, baselineVersion,
                null, 0);
        log.info("{} {}: adopted an unversioned file as schema version {}", what, file, baselineVersion);
        return baselineVersion;
    }

    private void runStep(Connection c, Path file, int n) throws IOException {
        inTransaction(c, file, "run migration step " + n + " (" + descriptions.get(n - 1) + ")", n,
                steps.get(n - 1), n - 1);
        log.info("{} {}: schema version {} ({})", what, file, n, descriptions.get(n - 1));
    }

    private void inTransaction(Connection c, Path file, String doing, int version, Step step, int before)
            throws IOException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                if (step != null) {
                    step.apply(c);
                }
                s.execute("PRAGMA user_version = " + version);
                s.execute("COMMIT"); // Commit point: the step's changes and its version number together.
            } catch (SQLException | RuntimeException e) {
                try {
                    s.execute("ROLLBACK");
                } catch (SQLException ignored) {
                    // SQLite may have rolled back already
                }
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            throw new IOException("cannot " + doing + " on " + what + " " + file + "; it stays at version "
                    + before + ": " + e.getMessage(), e);
        }
    }

    /** {@code PRAGMA user_version} of the file behind {@code c}. */
    public static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** The names of the file's own tables (SQLite's internal ones left out). */
    public static Set<String> tables(Connection c) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Collects the steps in order. */
    public static final class Builder {
        private final String what;
        private final List<Step> steps = new ArrayList<>();
        private final List<String> descriptions = new ArrayList<>();
        private int baselineVersion;
        private final Set<String> baselineTables = new TreeSet<>();

        private Builder(String what) {
            this.what = Objects.requireNonNull(what, "what");
        }

        /**
         * Adds step {@code version}, which must be one above the previous step (the first is 1).
         *
         * @throws IllegalStateException when the number is out of sequence
         */
        public Builder step(int version, String description, Step step) {
            if (version != steps.size() + 1) {
                throw new IllegalStateException(what + " schema: step " + version + " added after step "
                        + steps.size() + "; steps are numbered 1, 2, 3... in order");
            }
            steps.add(Objects.requireNonNull(step, "step"));
            descriptions.add(Objects.requireNonNull(description, "description"));
            return this;
        }

        /**
         * Lets an unversioned file that has all of {@code tables} be adopted as {@code version} (its steps already
         * done by the code that made it, before versioning).
         */
        public Builder baseline(int version, String... tables) {
            if (version < 1 || tables.length == 0) {
                throw new IllegalStateException(what + " schema: a baseline needs a version >= 1 and its tables, got "
                        + version + " and " + tables.length + " tables");
            }
            this.baselineVersion = version;
            this.baselineTables.clear();
            this.baselineTables.addAll(Arrays.asList(tables));
            return this;
        }

        /** @throws IllegalStateException when there is no step, or the baseline is above the last step */
        public Schema build() {
            if (steps.isEmpty()) {
                throw new IllegalStateException(what + " schema has no steps");
            }
            if (baselineVersion > steps.size()) {
                throw new IllegalStateException(what + " schema: baseline version " + baselineVersion
                        + " is above the last step " + steps.size());
            }
            return new Schema(this);
        }
    }
}

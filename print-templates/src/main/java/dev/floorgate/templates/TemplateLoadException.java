package dev.floorgate.templates;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A site template directory holds templates that cannot be used. Names the first bad file, its line and the
 * problem, and lists every problem found (all files are checked before this is thrown, so site IT fixes them
 * in one go). Line 0 means the problem concerns the whole file.
 */
public final class TemplateLoadException extends IOException {
    private static final long serialVersionUID = 1L;

    /** One problem in one file. */
    public static final class Problem {
        private final Path file;
        private final int line;
        private final String message;

        public Problem(Path file, int line, String message) {
            this.file = file;
            this.line = line;
            this.message = message;
        }

        public Path file() {
            return file;
        }

        public int line() {
            return line;
        }

        public String message() {
            return message;
        }

        @Override
        public String toString() {
            return "site template " + file + (line > 0 ? " line " + line : "") + ": " + message;
        }
    }

    private final List<Problem> problems;

    public TemplateLoadException(List<Problem> problems) {
        super(describe(problems));
        this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
    }

    public TemplateLoadException(Path file, int line, String message, Throwable cause) {
        super(new Problem(file, line, message).toString(), cause);
        this.problems = List.of(new Problem(file, line, message));
    }

    private static String describe(List<Problem> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("a TemplateLoadException needs at least one problem");
        }
        StringBuilder sb = new StringBuilder(problems.get(0).toString());
        if (problems.size() > 1) {
            sb.append(" (").append(problems.size() - 1).append(" more: ");
            for (int i = 1; i < problems.size(); i++) {
                sb.append(i == 1 ? "" : "; ").append(problems.get(i));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** The file of the first problem. */
    public Path file() {
        return problems.get(0).file();
    }

    /** The line (1-based) of the first problem, 0 for the whole file. */
    public int line() {
        return problems.get(0).line();
    }

    /** The first problem, without file and line. */
    public String problem() {
        return problems.get(0).message();
    }

    public List<Problem> problems() {
        return problems;
    }
}

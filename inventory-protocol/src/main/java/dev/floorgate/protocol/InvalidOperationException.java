package dev.floorgate.protocol;

import java.util.Collections;
import java.util.List;

/** An operation failed validation; {@link #problems()} names every field that is wrong. */
public final class InvalidOperationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String opId;
    private final transient List<FieldProblem> problems;

    public InvalidOperationException(String opId, List<FieldProblem> problems) {
        super("operation " + opId + " is invalid: " + join(problems));
        this.opId = opId;
        this.problems = Collections.unmodifiableList(problems);
    }

    public String opId() {
        return opId;
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** "qty: is required; sku: is required". */
    public static String join(List<FieldProblem> problems) {
        StringBuilder sb = new StringBuilder();
        for (FieldProblem p : problems) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(p);
        }
        return sb.toString();
    }
}

package dev.floorgate.protocol;

import java.util.Objects;

/** One thing wrong with a request: the field's name (JSON path, e.g. {@code operations[3].qty}) and what. */
public final class FieldProblem {
    private final String field;
    private final String message;

    public FieldProblem(String field, String message) {
        this.field = Objects.requireNonNull(field, "field");
        this.message = Objects.requireNonNull(message, "message");
    }

    public String field() {
        return field;
    }

    public String message() {
        return message;
    }

    /** The same problem under a path prefix, e.g. {@code operations[3]}. */
    public FieldProblem under(String prefix) {
        return new FieldProblem(prefix + "." + field, message);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldProblem && field.equals(((FieldProblem) o).field)
                && message.equals(((FieldProblem) o).message);
    }

    @Override
    public int hashCode() {
        return field.hashCode() * 31 + message.hashCode();
    }

    /** "qty: must be greater than 0 for PICK, was 0". */
    @Override
    public String toString() {
        return field + ": " + message;
    }
}

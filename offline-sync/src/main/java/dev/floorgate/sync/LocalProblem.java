package dev.floorgate.sync;

import dev.floorgate.protocol.FieldProblem;
import java.util.Objects;

/**
 * One reason the gateway refuses an operation before storing it (a 422 item): the field, a result code
 * ({@code INVALID}, {@code UNKNOWN_SKU}, {@code UNKNOWN_LOCATION}) and a message for the picker.
 */
public record LocalProblem(String field, String code, String message) {
    public LocalProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public FieldProblem toFieldProblem() {
        return new FieldProblem(field, message);
    }

    /** "sku: SKU 'X' is not in the gateway's cache for tenant acme (UNKNOWN_SKU)". */
    @Override
    public String toString() {
        return field + ": " + message + " (" + code + ")";
    }
}

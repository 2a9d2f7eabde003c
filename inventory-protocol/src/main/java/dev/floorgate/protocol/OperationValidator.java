package dev.floorgate.protocol;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks an operation against the rules of API.md and reports every problem with its field name, so a device
 * can show the picker all that is wrong at once. Thread-safe and stateless.
 */
public final class OperationValidator {
    /** Tenants and warehouses are identifiers: they appear in Redis keys and URLs. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** The longest free-text identifier (sku, bin, order number, lot, serial, device, operator). */
    public static final int MAX_TEXT_LENGTH = 128;

    private OperationValidator() {
    }

    /** All problems of {@code op}; empty when it is valid. */
    public static List<FieldProblem> problems(Operation op) {
        List<FieldProblem> problems = new ArrayList<>(op.readProblems());
        if (op.opId() == null) {
            problems.add(new FieldProblem("opId", "is required"));
        } else if (!OperationIds.isWellFormed(op.opId())) {
            problems.add(new FieldProblem("opId", "must be a UUID (v7 preferred) or a ULID, was '"
                    + clip(op.opId()) + "'"));
        }
        code(problems, "tenant", op.tenant());
        code(problems, "warehouse", op.warehouse());
        OperationType type = op.type();
        if (op.typeName() == null) {
            problems.add(new FieldProblem("type", "is required"));
        } else if (type == null) {
            problems.add(new FieldProblem("type", "unknown operation type '" + clip(op.typeName())
                    + "'; expected one of RECEIVE, PUTAWAY, PICK, MOVE, ADJUST, COUNT, RESERVE, RELEASE, SHIP"));
        }
        text(problems, "sku", op.sku(), true);
        quantity(problems, type, op.qty(), hasReadProblem(op, "qty"));
        boolean needsLocation = type == OperationType.PUTAWAY || type == OperationType.MOVE;
        text(problems, "location", op.location(), needsLocation);
        text(problems, "toLocation", op.toLocation(), type == OperationType.MOVE);
        text(problems, "orderNo", op.orderNo(), type != null && type.needsOrderNo());
        text(problems, "lot", op.lot(), false);
        text(problems, "serial", op.serial(), false);
        text(problems, "deviceId", op.deviceId(), false);
        text(problems, "operator", op.operator(), false);
        if (op.expiry() != null) {
            try {
                LocalDate.parse(op.expiry());
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem("expiry", "must be a date YYYY-MM-DD, was '" + clip(op.expiry())
                        + "'"));
            }
        }
        if (op.occurredAt() != null) {
            try {
                Instant.parse(op.occurredAt());
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem("occurredAt", "must be an ISO-8601 UTC timestamp such as "
                        + "2026-11-22T08:15:30.120Z, was '" + clip(op.occurredAt()) + "'"));
            }
        }
        if (op.receivedAt() != null) {
            try {
                Instant.parse(op.receivedAt());
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem("receivedAt", "must be an ISO-8601 UTC timestamp such as "
                        + "2026-11-22T08:15:30.120Z, was '" + clip(op.receivedAt()) + "'"));
            }
        }
        if (op.entryMethod() != null && !"scanned".equals(op.entryMethod()) && !"typed".equals(op.entryMethod())) {
            problems.add(new FieldProblem("entryMethod", "must be scanned or typed, was '" + clip(op.entryMethod())
                    + "'"));
        }
        return problems;
    }

    /** Throws {@link InvalidOperationException} listing every problem, or returns {@code op}. */
    public static Operation requireValid(Operation op) {
        List<FieldProblem> problems = problems(op);
        if (!problems.isEmpty()) {
            throw new InvalidOperationException(op.opId(), problems);
        }
        return op;
    }

    private static void quantity(List<FieldProblem> problems, OperationType type, Long qty, boolean reported) {
        if (reported) {
            return;
        }
        if (qty == null) {
            problems.add(new FieldProblem("qty", "is required"));
            return;
        }
        if (type == OperationType.ADJUST) {
            if (qty == 0) {
                problems.add(new FieldProblem("qty", "must be non-zero for ADJUST"));
            }
        } else if (type == OperationType.COUNT) {
            if (qty < 0) {
                problems.add(new FieldProblem("qty", "must be >= 0 for COUNT (the counted figure), was " + qty));
            }
        } else if (qty <= 0) {
            problems.add(new FieldProblem("qty", "must be greater than 0" + (type == null ? "" : " for " + type)
                    + ", was " + qty));
        }
        if (Math.abs(qty) > 1_000_000_000L) {
            problems.add(new FieldProblem("qty", "magnitude must be at most 1000000000, was " + qty));
        }
    }

    private static boolean hasReadProblem(Operation op, String field) {
        for (FieldProblem p : op.readProblems()) {
            if (p.field().equals(field)) {
                return true;
            }
        }
        return false;
    }

    private static void code(List<FieldProblem> problems, String field, String value) {
        if (value == null || value.isEmpty()) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (!CODE.matcher(value).matches()) {
            problems.add(new FieldProblem(field, "must be 1 to 64 letters, digits, '.', '_' or '-', was '"
                    + clip(value) + "'"));
        }
    }

    private static void text(List<FieldProblem> problems, String field, String value, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
            return;
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            problems.add(new FieldProblem(field, "is " + value.length() + " characters, at most "
                    + MAX_TEXT_LENGTH + " allowed"));
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                problems.add(new FieldProblem(field, "contains control character 0x"
                        + Integer.toHexString(value.charAt(i)) + " at index " + i));
                return;
            }
        }
    }

    static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...(" + s.length() + " chars)";
    }
}

package dev.floorgate.pda;

import dev.floorgate.pda.internal.JsonCodec;
import dev.floorgate.protocol.FieldProblem;
import dev.floorgate.protocol.InvalidOperationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The gateway's answer to {@code POST /api/v1/operations}: 202 (all accepted, durable at the gateway) or 422
 * (the valid ones accepted and durable, the others rejected with a code and field problems). Immutable.
 */
public final class SubmitResult {
    /** One operation the gateway refused at its door: final, never resent. */
    public static final class Rejection {
        private final String opId;
        private final String code;
        private final String message;
        private final List<FieldProblem> problems;

        public Rejection(String opId, String code, String message, List<FieldProblem> problems) {
            this.opId = opId;
            this.code = code;
            this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
            this.message = message != null ? message
                    : problems.isEmpty() ? code : InvalidOperationException.join(problems);
        }

        public String opId() {
            return opId;
        }

        /** {@code UNKNOWN_SKU}, {@code INVALID}, {@code OP_ID_REUSED}, ... */
        public String code() {
            return code;
        }

        /** The gateway's message, or the problems joined ("sku: unknown SKU-9; qty: ..."). */
        public String message() {
            return message;
        }

        public List<FieldProblem> problems() {
            return problems;
        }

        @Override
        public String toString() {
            return "Rejection{" + opId + " " + code + ": " + message + "}";
        }
    }

    private final int status;
    private final String message;
    private final List<String> accepted;
    private final List<Rejection> rejected;

    public SubmitResult(int status, String message, List<String> accepted, List<Rejection> rejected) {
        this.status = status;
        this.message = message;
        this.accepted = Collections.unmodifiableList(new ArrayList<>(accepted));
        this.rejected = Collections.unmodifiableList(new ArrayList<>(rejected));
    }

    static SubmitResult from(int status, Map<String, Object> body) {
        List<Rejection> rejected = new ArrayList<>();
        for (Map<String, Object> r : JsonCodec.objects(body, "rejected")) {
            List<FieldProblem> problems = new ArrayList<>();
            for (Map<String, Object> p : JsonCodec.objects(r, "problems")) {
                String field = JsonCodec.str(p, "field");
                String message = JsonCodec.str(p, "message");
                problems.add(new FieldProblem(field == null ? "?" : field, message == null ? "" : message));
            }
            String code = JsonCodec.str(r, "code");
            rejected.add(new Rejection(JsonCodec.str(r, "opId"), code == null ? "INVALID" : code,
                    JsonCodec.str(r, "message"), problems));
        }
        return new SubmitResult(status, JsonCodec.str(body, "message"), JsonCodec.strings(body, "accepted"),
                rejected);
    }

    /** 202 or 422. */
    public int status() {
        return status;
    }

    /** The gateway's message with a 422, or null. */
    public String message() {
        return message;
    }

    /** The opIds now durable at the gateway. */
    public List<String> accepted() {
        return accepted;
    }

    public List<Rejection> rejected() {
        return rejected;
    }

    /** The rejection of {@code opId}, or null. */
    public Rejection rejectionOf(String opId) {
        for (Rejection r : rejected) {
            if (r.opId != null && r.opId.equals(opId)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "SubmitResult{" + status + ", accepted=" + accepted + ", rejected=" + rejected + "}";
    }
}

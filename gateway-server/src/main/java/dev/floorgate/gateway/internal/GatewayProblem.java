package dev.floorgate.gateway.internal;

/**
 * A request or action the gateway refuses: a {@link ProblemCode}, a message for the person or the integrator that
 * names the field or the numbers, and optional structured details. Thrown by domain and web code alike; the web
 * layer turns it into the HTTP answer of API.md, a station turns it into a {@code station} event.
 */
public final class GatewayProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ProblemCode code;
    private final transient Object details;

    public GatewayProblem(ProblemCode code, String message) {
        this(code, message, null);
    }

    public GatewayProblem(ProblemCode code, String message, Object details) {
        super(message);
        this.code = code;
        this.details = details;
    }

    public static GatewayProblem invalid(String message) {
        return new GatewayProblem(ProblemCode.INVALID, message);
    }

    public static GatewayProblem unauthorized(String message) {
        return new GatewayProblem(ProblemCode.UNAUTHORIZED, message);
    }

    public static GatewayProblem tenantForbidden(String message) {
        return new GatewayProblem(ProblemCode.TENANT_FORBIDDEN, message);
    }

    public static GatewayProblem notFound(String what) {
        return new GatewayProblem(ProblemCode.NOT_FOUND, what);
    }

    public ProblemCode code() {
        return code;
    }

    /** Extra structured detail for the answer (e.g. per-operation problems), or null. */
    public Object details() {
        return details;
    }
}

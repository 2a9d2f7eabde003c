package dev.floorgate.pda;

import dev.floorgate.pda.internal.JsonCodec;
import java.util.Map;

/** A one-time enrollment code made by site IT ({@code POST /api/v1/admin/enrollment-codes}). Immutable. */
public final class EnrollmentCode {
    private final String code;
    private final String tenant;
    private final String warehouse;
    private final String expiresAt;

    public EnrollmentCode(String code, String tenant, String warehouse, String expiresAt) {
        this.code = code;
        this.tenant = tenant;
        this.warehouse = warehouse;
        this.expiresAt = expiresAt;
    }

    static EnrollmentCode from(Map<String, Object> m) {
        return new EnrollmentCode(JsonCodec.str(m, "code"), JsonCodec.str(m, "tenant"),
                JsonCodec.str(m, "warehouse"), JsonCodec.str(m, "expiresAt"));
    }

    /** e.g. {@code K7QM3-XPA9D}. */
    public String code() {
        return code;
    }

    public String tenant() {
        return tenant;
    }

    public String warehouse() {
        return warehouse;
    }

    /** ISO-8601 UTC. */
    public String expiresAt() {
        return expiresAt;
    }

    @Override
    public String toString() {
        return "EnrollmentCode{" + code + " for " + tenant + "/" + warehouse + " until " + expiresAt + "}";
    }
}

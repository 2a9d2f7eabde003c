package dev.floorgate.gateway.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.internal.ProblemCode;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP status of every problem code: API.md's table, which clients act on, so it must not drift. */
class ProblemStatusTest {
    @Test
    void everyProblemCodeHasTheStatusApiMdGivesIt() {
        Map<ProblemCode, Integer> expected = new EnumMap<>(ProblemCode.class);
        for (ProblemCode c : new ProblemCode[] {ProblemCode.INVALID, ProblemCode.MALFORMED_JSON,
                ProblemCode.WEAK_PASSWORD, ProblemCode.UNKNOWN_TEMPLATE}) {
            expected.put(c, 400);
        }
        expected.put(ProblemCode.UNAUTHORIZED, 401);
        for (ProblemCode c : new ProblemCode[] {ProblemCode.TENANT_FORBIDDEN, ProblemCode.ENROLLMENT_REFUSED,
                ProblemCode.PASSWORD_CHANGE_REQUIRED, ProblemCode.ADMIN_CLOSED}) {
            expected.put(c, 403);
        }
        expected.put(ProblemCode.NOT_FOUND, 404);
        for (ProblemCode c : new ProblemCode[] {ProblemCode.DEVICE_ID_TAKEN, ProblemCode.JOB_ID_REUSED,
                ProblemCode.OP_ID_REUSED, ProblemCode.INVALID_STATE, ProblemCode.PRINTER_EXISTS, ProblemCode.PARCEL_CONFLICT,
                ProblemCode.NO_SUCH_QUOTE, ProblemCode.SCALE_NOT_READY}) {
            expected.put(c, 409);
        }
        expected.put(ProblemCode.BATCH_TOO_LARGE, 413);
        expected.put(ProblemCode.PREVIEW_TOO_LARGE, 413);
        expected.put(ProblemCode.LOCKED_OUT, 429);
        expected.put(ProblemCode.PRINTER_COMMAND_REFUSED, 403);
        expected.put(ProblemCode.TENANT_QUEUE_FULL, 429);
        expected.put(ProblemCode.TOO_MANY_ATTEMPTS, 429);
        for (ProblemCode c : new ProblemCode[] {ProblemCode.QUEUE_FULL, ProblemCode.OUTBOX_UNAVAILABLE,
                ProblemCode.OUTBOX_BUSY, ProblemCode.BUSY}) {
            expected.put(c, 503);
        }
        expected.put(ProblemCode.MISSING_FIELD, 422);
        expected.put(ProblemCode.NO_RATES, 422);
        expected.put(ProblemCode.DISK_FULL, 507);
        expected.put(ProblemCode.PHOTO_TOO_LARGE, 413);
        expected.put(ProblemCode.NOT_A_JPEG, 415);
        expected.put(ProblemCode.PHOTOS_UNAVAILABLE, 503);
        expected.put(ProblemCode.PHOTOS_FULL, 507);
        expected.put(ProblemCode.CAMERA_UNAVAILABLE, 502);
        assertThat(expected.keySet()).as("a new code needs its status here and in API.md")
                .containsExactlyInAnyOrder(ProblemCode.values());
        for (ProblemCode c : ProblemCode.values()) {
            assertThat(ProblemStatus.of(c)).as(c.name()).isEqualTo(expected.get(c));
        }
    }
}

package dev.floorgate.sync.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.floorgate.sync.StoredOperation;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The body of {@code POST /v1/operations:batch}, {@code {"gatewayId":"...","operations":[op,...]}}, built from the
 * operations' stored canonical JSON byte for byte (no re-encoding), so what the core applies and fingerprints is
 * exactly what the gateway acknowledged. The same bytes are signed.
 */
public final class BatchBody {
    private static final byte[] OPERATIONS = "\",\"operations\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "]}".getBytes(StandardCharsets.US_ASCII);

    private BatchBody() {
    }

    /** Bytes the body adds around the operations for a given gateway id (for the 4 MiB bound). */
    public static int envelopeBytes(String gatewayId) {
        return of(gatewayId, List.of()).length;
    }

    public static byte[] of(String gatewayId, List<StoredOperation> ops) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + ops.size() * 320);
        out.writeBytes("{\"gatewayId\":\"".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(gatewayId));
        out.writeBytes(OPERATIONS);
        for (int i = 0; i < ops.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(ops.get(i).jsonBytes());
        }
        out.writeBytes(END);
        return out.toByteArray();
    }
}

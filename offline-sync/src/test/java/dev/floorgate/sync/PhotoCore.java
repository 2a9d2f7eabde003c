package dev.floorgate.sync;

import dev.floorgate.protocol.ApiKeys;
import dev.floorgate.protocol.InMemoryNonceStore;
import dev.floorgate.protocol.SignatureRejectedException;
import dev.floorgate.protocol.SignatureVerifier;
import dev.floorgate.sync.internal.JsonTree;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Plays the core's resumable photo routes (CORE-API.md "Parcel photos") on a MockWebServer, with the core's rules:
 * signature checked over the exact bytes, chunks only at the stored offset (409 OFFSET_MISMATCH with
 * expectedOffset), a repeat of the last chunk is 200, complete checks size and SHA-256 (422 SHA256_MISMATCH).
 * Records every chunk it was sent; a few switches make it misbehave.
 */
final class PhotoCore extends Dispatcher {
    static final class Upload {
        final String tenant;
        final long size;
        final String sha256;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        volatile String state = "OPEN";

        Upload(String tenant, long size, String sha256) {
            this.tenant = tenant;
            this.size = size;
            this.sha256 = sha256;
        }
    }

    /** One PUT as received: upload, offset, length. */
    record Chunk(String uploadId, long offset, int length) {
    }

    final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    final List<Chunk> chunks = Collections.synchronizedList(new ArrayList<>());
    final List<String> signatureProblems = Collections.synchronizedList(new ArrayList<>());
    /** Chunks larger than this are 413 CHUNK_TOO_LARGE. */
    volatile int maxChunkBytes = 1 << 20;
    /** The next n chunks are stored but answered 503 (the answer lost on the way back). */
    final AtomicInteger dropAnswers = new AtomicInteger();
    /** The next n chunks are stored but answered 409 OFFSET_MISMATCH with the new offset (a racing resend). */
    final AtomicInteger mismatchAnswers = new AtomicInteger();
    /** Complete answers 422 with this code (the bytes are not a photo), when set. */
    volatile String refuseComplete;
    final AtomicInteger completes = new AtomicInteger();
    private final SignatureVerifier verifier = new SignatureVerifier(
            ApiKeys.parse(ScriptedCore.KEY_ID + ":" + ScriptedCore.SECRET + ":acme|globex"), new InMemoryNonceStore());

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        byte[] body = request.getBody().readByteArray();
        String path = request.getPath();
        try {
            verifier.verify(request.getMethod(), path, request::getHeader, body);
        } catch (SignatureRejectedException e) {
            signatureProblems.add(e.getMessage());
            return error(401, "BAD_SIGNATURE", e.getMessage(), -1);
        }
        try {
            return route(request.getMethod(), path, body);
        } catch (Exception e) {
            return error(500, "INTERNAL", e.toString(), -1);
        }
    }

    private MockResponse route(String method, String path, byte[] body) throws Exception {
        String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
        String[] parts = (path.contains("?") ? path.substring(0, path.indexOf('?')) : path).split("/");
        // "", v1, photos, uploads[, tenant, id[, complete]]
        if ("POST".equals(method) && parts.length == 4) {
            Map<?, ?> m = (Map<?, ?>) JsonTree.parse(body, "open");
            String id = UUID.randomUUID().toString();
            Upload u = new Upload(JsonTree.string(m, "tenant"), JsonTree.integer(m, "size", -1),
                    JsonTree.string(m, "sha256"));
            uploads.put(id, u);
            return state(201, id, u);
        }
        Upload u = uploads.get(parts[5]);
        if (u == null) {
            return error(404, "UPLOAD_NOT_FOUND", "no upload " + parts[5], -1);
        }
        String id = parts[5];
        if ("GET".equals(method)) {
            return state(200, id, u);
        }
        if ("PUT".equals(method)) {
            long offset = Long.parseLong(query.replace("offset=", ""));
            chunks.add(new Chunk(id, offset, body.length));
            if (body.length > maxChunkBytes) {
                return error(413, "CHUNK_TOO_LARGE", body.length + " > " + maxChunkBytes, -1);
            }
            synchronized (u) {
                long stored = u.data.size();
                if (offset != stored) {
                    return error(409, "OFFSET_MISMATCH", "offset " + offset + " is not " + stored, stored);
                }
                u.data.write(body);
            }
            if (dropAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return error(503, "UNAVAILABLE", "answer lost", -1);
            }
            if (mismatchAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return error(409, "OFFSET_MISMATCH", "raced", u.data.size());
            }
            return state(200, id, u);
        }
        if ("POST".equals(method) && parts.length == 7 && "complete".equals(parts[6])) {
            completes.incrementAndGet();
            if (u.data.size() < u.size) {
                return error(409, "UPLOAD_INCOMPLETE", "missing bytes", u.data.size());
            }
            if (refuseComplete != null) {
                u.state = "FAILED";
                return error(422, refuseComplete, "refused", -1);
            }
            if (!Jpegs.sha256(u.data.toByteArray()).equals(u.sha256)) {
                u.state = "FAILED";
                return error(422, "SHA256_MISMATCH", "differs", -1);
            }
            u.state = "COMPLETE";
            return new MockResponse().setResponseCode(200).setBody("{\"shot\":\"top\",\"sha256\":\"" + u.sha256
                    + "\",\"size\":" + u.size + "}");
        }
        return error(404, "NOT_FOUND", method + " " + path, -1);
    }

    private static MockResponse state(int status, String id, Upload u) {
        return new MockResponse().setResponseCode(status).setBody("{\"uploadId\":\"" + id + "\",\"tenant\":\""
                + u.tenant + "\",\"offset\":" + u.data.size() + ",\"size\":" + u.size + ",\"state\":\"" + u.state
                + "\"}");
    }

    private static MockResponse error(int status, String code, String message, long expectedOffset) {
        String extra = expectedOffset >= 0 ? ",\"expectedOffset\":" + expectedOffset : "";
        return new MockResponse().setResponseCode(status).setBody("{\"error\":\"" + code + "\",\"message\":\""
                + message.replace("\"", "'") + "\"" + extra + "}");
    }

    /** How many chunks at {@code offset} 0 the upload got. */
    long chunksAtZero(String uploadId) {
        synchronized (chunks) {
            return chunks.stream().filter(c -> c.uploadId().equals(uploadId) && c.offset() == 0).count();
        }
    }

    long bytesReceived() {
        synchronized (chunks) {
            return chunks.stream().mapToLong(Chunk::length).sum();
        }
    }
}

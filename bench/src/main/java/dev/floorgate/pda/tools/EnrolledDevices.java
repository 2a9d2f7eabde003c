package dev.floorgate.pda.tools;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The devices one {@link VirtualPdas} run enrolled, so that every exit (done, failed, Ctrl-C) can revoke them
 * with {@code POST /api/v1/admin/devices/{id}/revoke}: a load test must not leave 50 live device tokens on a
 * gateway that site IT then has to find and revoke by hand. Thread safe; revoking twice is harmless (each id is
 * taken out of the set before its request).
 */
final class EnrolledDevices {
    private final Set<String> ids = new LinkedHashSet<>(); // guards itself, closing and inFlight
    private boolean closing;
    private int inFlight;
    private final OkHttpClient http;
    private final HttpUrl gateway;
    private final String adminToken;

    EnrolledDevices(OkHttpClient http, String gateway, String adminToken) {
        this.http = http;
        HttpUrl url = HttpUrl.parse(gateway);
        if (url == null) {
            throw new IllegalArgumentException("gateway URL must be http:// or https://, got '" + gateway + "'");
        }
        this.gateway = url;
        this.adminToken = adminToken;
    }

    /**
     * Called before an enrollment request: the id is listed before the gateway answers, so that a Ctrl-C while
     * the answer is on its way still revokes it (revoking an id that never enrolled is harmless). Pair with
     * {@link #enrolled()}.
     *
     * @throws IllegalStateException once {@link #revokeAll()} has begun: a stopping run enrolls nothing more
     */
    void enrolling(String deviceId) {
        synchronized (ids) {
            if (closing) {
                throw new IllegalStateException("virtual PDAs are stopping; " + deviceId + " does not enroll");
            }
            ids.add(deviceId);
            inFlight++;
        }
    }

    /** The enrollment request begun by {@link #enrolling(String)} is answered or failed. */
    void enrolled() {
        synchronized (ids) {
            inFlight--;
            ids.notifyAll();
        }
    }

    int size() {
        synchronized (ids) {
            return ids.size();
        }
    }

    /**
     * Stops further enrollments, waits (up to 10 s) for those under way, and revokes every device listed; those
     * the gateway did not confirm stay listed.
     *
     * @return one line per device that could not be revoked (empty when all were)
     */
    List<String> revokeAll() {
        List<String> todo;
        synchronized (ids) {
            closing = true;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (inFlight > 0 && System.nanoTime() < deadline) {
                try {
                    ids.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            todo = new ArrayList<>(ids);
        }
        List<String> failures = new ArrayList<>();
        for (String id : todo) {
            try {
                revoke(id);
                synchronized (ids) {
                    ids.remove(id);
                }
            } catch (IOException e) {
                failures.add("could not revoke " + id + ": " + e.getMessage());
            }
        }
        return failures;
    }

    private void revoke(String deviceId) throws IOException {
        HttpUrl url = gateway.newBuilder().addPathSegments("api/v1/admin/devices").addPathSegment(deviceId)
                .addPathSegment("revoke").build();
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + adminToken)
                .post(RequestBody.create(new byte[0], MediaType.get("application/json"))).build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() != 200) {
                throw new IOException("gateway answered " + response.code() + " to POST " + url.encodedPath());
            }
        }
    }
}

package dev.floorgate.gateway.internal.photos;

import dev.floorgate.gateway.GatewayConfigurationException;
import dev.floorgate.protocol.SettingsCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fixed station cameras ({@code fg.cameras.<name>.*}, {@link CameraConfiguration}) and fetching one still from
 * a camera's snapshot URL. Each entry is checked when the gateway starts (an http(s) URL, a timeout of 100 ms to 60 s,
 * a tenant code): a bad one stops the start with one line naming the key. A fetch reads at most the largest photo
 * plus one byte, so a camera streaming video instead of a still cannot fill the gateway's memory.
 */
public final class StationCameras {
    /** A camera that did not give a still: what happened, in words for the person at the station. */
    public static final class CameraException extends IOException {
        private static final long serialVersionUID = 1L;

        CameraException(String message) {
            super(message);
        }

        CameraException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Camera(String name, URI uri, String authorization, Duration timeout, String tenant) {
    }

    private final Map<String, Camera> cameras = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public StationCameras(List<CameraConfiguration> configured) {
        for (CameraConfiguration c : configured) {
            String key = CameraConfiguration.PREFIX + "." + c.getName();
            if (c.getUrl() == null || c.getUrl().isBlank()) {
                throw new GatewayConfigurationException(key + ".url: is required (the camera's snapshot URL, such as "
                        + "http://10.0.5.21/cgi-bin/snapshot.jpg)");
            }
            URI uri;
            try {
                uri = new URI(c.getUrl().trim());
            } catch (URISyntaxException e) {
                throw new GatewayConfigurationException(key + ".url: is not a URL (" + e.getReason() + ")");
            }
            if (!Set.of("http", "https").contains(String.valueOf(uri.getScheme()).toLowerCase())
                    || uri.getHost() == null) {
                throw new GatewayConfigurationException(key + ".url: must be an http:// or https:// URL with a host");
            }
            Duration timeout = SettingsCheck.parseDuration(c.getTimeout());
            if (timeout == null) {
                throw new GatewayConfigurationException(key + ".timeout: '" + c.getTimeout() + "' is not a duration "
                        + "such as 5s");
            }
            if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new GatewayConfigurationException(key + ".timeout: must be 100ms to 60s, was " + c.getTimeout());
            }
            if (c.getTenant() != null && !c.getTenant().matches("[A-Za-z0-9._-]{1,64}")) {
                throw new GatewayConfigurationException(key + ".tenant: must be 1-64 letters, digits, '.', '_' or '-'");
            }
            String auth = uri.getRawUserInfo() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                    java.net.URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8));
            URI bare;
            try {
                bare = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                        null);
            } catch (URISyntaxException e) {
                throw new GatewayConfigurationException(key + ".url: is not a URL (" + e.getReason() + ")");
            }
            cameras.put(c.getName(), new Camera(c.getName(), bare, auth, timeout, c.getTenant()));
        }
    }

    /** The configured names, for an error that lists them. */
    public Set<String> names() {
        return cameras.keySet();
    }

    /** Whether {@code name} is a camera that a device of {@code tenant} may use (unknown: empty). */
    public Optional<Boolean> usableBy(String name, String tenant) {
        Camera c = cameras.get(name);
        return c == null ? Optional.empty() : Optional.of(c.tenant() == null || c.tenant().equals(tenant));
    }

    /**
     * One still from camera {@code name}: its bytes, at most {@code maxBytes} (one more and it is refused). Throws
     * CameraException naming the camera and what went wrong (no answer, a timeout, a status, too many bytes); the
     * URL and its credentials are never in the message.
     */
    public byte[] snapshot(String name, long maxBytes) throws CameraException {
        Camera c = cameras.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no camera '" + name + "'");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(c.uri()).timeout(c.timeout()).GET()
                .header("Accept", "image/jpeg");
        if (c.authorization() != null) {
            b.header("Authorization", c.authorization());
        }
        HttpResponse<InputStream> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new CameraException("camera '" + name + "' did not answer within " + c.timeout().toMillis() + " ms");
        } catch (IOException e) {
            // words, not the exception's class: an answer never names the gateway's insides
            String why = e instanceof java.net.ConnectException ? "connection refused" : "no connection";
            throw new CameraException("camera '" + name + "' cannot be reached (" + why + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CameraException("interrupted while asking camera '" + name + "' for a still");
        }
        InputStream body = r.body();
        // the request's timeout covers the answer's head only: a camera that stalls mid-image is cut off here
        java.util.concurrent.atomic.AtomicBoolean cutOff = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CompletableFuture<Void> watchdog = java.util.concurrent.CompletableFuture.runAsync(() -> {
            cutOff.set(true); // before the close: the reader's exception must find it set
            try {
                body.close();
            } catch (IOException e) {
                // closing to stop a stalled read; nothing else to do
            }
        }, java.util.concurrent.CompletableFuture.delayedExecutor(c.timeout().toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS));
        try (InputStream in = body) {
            if (r.statusCode() != 200) {
                throw new CameraException("camera '" + name + "' answered HTTP " + r.statusCode() + " instead of a "
                        + "still" + (r.statusCode() == 401 || r.statusCode() == 403 ? " (check the credentials in "
                        + CameraConfiguration.PREFIX + "." + name + ".url)" : ""));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new CameraException("camera '" + name + "' sent more than " + maxBytes + " bytes, over the "
                            + "largest photo (fg.photos.max-photo-bytes): a video stream rather than a still?");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (HttpTimeoutException e) {
            throw new CameraException("camera '" + name + "' did not finish its still within "
                    + c.timeout().toMillis() + " ms");
        } catch (CameraException e) {
            throw e;
        } catch (IOException e) {
            throw new CameraException(cutOff.get() ? "camera '" + name + "' did not finish its still within "
                    + c.timeout().toMillis() + " ms" : "camera '" + name + "' broke off while sending its still", e);
        } finally {
            watchdog.cancel(false);
        }
    }
}

package dev.floorgate.gateway.internal.photos;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

/**
 * One fixed station camera, {@code fg.cameras.<name>.*} (issue 17 item 2): a camera over the receiving or packing
 * table whose still image the gateway fetches when a station asks for a parcel's photo.
 *
 * <ul>
 *   <li>{@code fg.cameras.<name>.url} (required): its snapshot URL, {@code http://} or {@code https://}, answering a
 *       GET with one JPEG (most IP cameras have one, e.g. {@code http://10.0.5.21/cgi-bin/snapshot.jpg});
 *       credentials in the URL's user-info are sent as HTTP Basic and never logged.</li>
 *   <li>{@code fg.cameras.<name>.timeout} (5s): how long the gateway waits for the image.</li>
 *   <li>{@code fg.cameras.<name>.tenant} (unset: every tenant): the one tenant whose devices may use it.</li>
 * </ul>
 */
@EachProperty(CameraConfiguration.PREFIX)
public final class CameraConfiguration {
    public static final String PREFIX = "fg.cameras";

    private final String name;
    private String url;
    private String timeout = "5s";
    private String tenant;

    public CameraConfiguration(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    @Nullable
    public String getUrl() {
        return url;
    }

    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    @Nullable
    public String getTenant() {
        return tenant;
    }

    public void setTenant(@Nullable String tenant) {
        this.tenant = tenant;
    }
}

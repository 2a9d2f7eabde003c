package dev.floorgate.lan;

import java.util.List;
import java.util.Objects;

/**
 * Answer of GET /api/v1/photos/template: the shots a parcel of the device's tenant needs at intake (issue 17), in
 * order, and with {@code parcelId} the ones that parcel still misses. Written and read by {@link LanJson}.
 */
public final class PhotoTemplate {
    private final String tenant;
    private final boolean enforced;
    private final List<PhotoShot> shots;
    private final String parcelId;
    private final List<String> missing;

    public PhotoTemplate(String tenant, boolean enforced, List<PhotoShot> shots, String parcelId,
            List<String> missing) {
        this.tenant = tenant;
        this.enforced = enforced;
        this.shots = Copies.listOrNull(shots);
        this.parcelId = parcelId;
        this.missing = Copies.listOrNull(missing);
    }

    public String tenant() {
        return tenant;
    }

    /** True when the tenant has its own template (fg.photo-templates.<tenant>.shots): a photo of another shot
     * is refused. False for the default template, which only suggests. */
    public boolean enforced() {
        return enforced;
    }

    public List<PhotoShot> shots() {
        return shots;
    }

    /** The parcel asked about, or null. */
    public String parcelId() {
        return parcelId;
    }

    /** With parcelId: the template's shots the gateway holds no photo of yet for that parcel; else null. */
    public List<String> missing() {
        return missing;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PhotoTemplate)) {
            return false;
        }
        PhotoTemplate that = (PhotoTemplate) o;
        return Objects.equals(tenant, that.tenant)
                && enforced == that.enforced
                && Objects.equals(shots, that.shots)
                && Objects.equals(parcelId, that.parcelId)
                && Objects.equals(missing, that.missing);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, enforced, shots, parcelId, missing);
    }

    @Override
    public String toString() {
        return "PhotoTemplate{"
                + "tenant=" + tenant
                + ", enforced=" + enforced
                + ", shots=" + shots
                + ", parcelId=" + parcelId
                + ", missing=" + missing + "}";
    }
}

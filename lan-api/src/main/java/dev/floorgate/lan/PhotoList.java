package dev.floorgate.lan;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Answer of GET /api/v1/photos?parcelId=: the photos the gateway holds for one parcel of the device's tenant, oldest
 * first, each with its upload state. Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class PhotoList {
    private final String parcelId;
    private final List<PhotoReceipt> photos;

    public PhotoList(String parcelId, List<PhotoReceipt> photos) {
        this.parcelId = parcelId;
        this.photos = photos == null ? null : Collections.unmodifiableList(new java.util.ArrayList<>(photos));
    }

    public String parcelId() {
        return parcelId;
    }

    public List<PhotoReceipt> photos() {
        return photos;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PhotoList)) {
            return false;
        }
        PhotoList that = (PhotoList) o;
        return Objects.equals(parcelId, that.parcelId) && Objects.equals(photos, that.photos);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parcelId, photos);
    }

    @Override
    public String toString() {
        return "PhotoList{" + "parcelId=" + parcelId + ", photos=" + photos + "}";
    }
}

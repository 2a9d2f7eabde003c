package dev.floorgate.lan;

import java.util.Objects;

/**
 * One parcel photo held by the gateway: the answer of POST /api/v1/photos (201 once the photo is durable) and an
 * element of {@link PhotoList}. Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class PhotoReceipt {
    private final long id;
    private final String tenant;
    private final String warehouse;
    private final String parcelId;
    private final String shot;
    private final String sha256;
    private final long size;
    private final String state;
    private final String failure;
    private final String addedAt;

    public PhotoReceipt(long id, String tenant, String warehouse, String parcelId, String shot, String sha256,
            long size, String state, String failure, String addedAt) {
        this.id = id;
        this.tenant = tenant;
        this.warehouse = warehouse;
        this.parcelId = parcelId;
        this.shot = shot;
        this.sha256 = sha256;
        this.size = size;
        this.state = state;
        this.failure = failure;
        this.addedAt = addedAt;
    }

    /** The gateway's number of the photo (the same bytes, parcel and shot sent again: the same id). */
    public long id() {
        return id;
    }

    public String tenant() {
        return tenant;
    }

    public String warehouse() {
        return warehouse;
    }

    public String parcelId() {
        return parcelId;
    }

    /** Which shot of the parcel's template (label, contents, damage, ...). */
    public String shot() {
        return shot;
    }

    /** Lower-case hex SHA-256 of the bytes as received. */
    public String sha256() {
        return sha256;
    }

    /** Bytes. */
    public long size() {
        return size;
    }

    /** PENDING (durable at the gateway, waiting for or in its upload), UPLOADED (the core has it) or FAILED. */
    public String state() {
        return state;
    }

    /** Why the core refused it for good (its code, or FILE_MISSING) when FAILED; else null. */
    public String failure() {
        return failure;
    }

    /** When the gateway stored it (ISO-8601 instant). */
    public String addedAt() {
        return addedAt;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PhotoReceipt)) {
            return false;
        }
        PhotoReceipt that = (PhotoReceipt) o;
        return id == that.id && size == that.size
                && Objects.equals(tenant, that.tenant)
                && Objects.equals(warehouse, that.warehouse)
                && Objects.equals(parcelId, that.parcelId)
                && Objects.equals(shot, that.shot)
                && Objects.equals(sha256, that.sha256)
                && Objects.equals(state, that.state)
                && Objects.equals(failure, that.failure)
                && Objects.equals(addedAt, that.addedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, tenant, warehouse, parcelId, shot, sha256, size, state, failure, addedAt);
    }

    @Override
    public String toString() {
        return "PhotoReceipt{" + "id=" + id
                + ", tenant=" + tenant
                + ", warehouse=" + warehouse
                + ", parcelId=" + parcelId
                + ", shot=" + shot
                + ", sha256=" + sha256
                + ", size=" + size
                + ", state=" + state
                + ", failure=" + failure
                + ", addedAt=" + addedAt + "}";
    }
}

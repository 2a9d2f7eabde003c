package dev.floorgate.lan;

import java.util.List;
import java.util.Objects;

/**
 * Answer of GET /api/v1/parcels/intakes: the newest intakes at this gateway, newest first. Written and read by
 * {@link LanJson}.
 */
public final class ParcelIntakeList {
    private final List<ParcelIntakeReceipt> intakes;

    public ParcelIntakeList(List<ParcelIntakeReceipt> intakes) {
        this.intakes = Copies.listOrNull(intakes);
    }

    public List<ParcelIntakeReceipt> intakes() {
        return intakes;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ParcelIntakeList)) {
            return false;
        }
        ParcelIntakeList that = (ParcelIntakeList) o;
        return Objects.equals(intakes, that.intakes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(intakes);
    }

    @Override
    public String toString() {
        return "ParcelIntakeList{"
                + "intakes=" + intakes + "}";
    }
}

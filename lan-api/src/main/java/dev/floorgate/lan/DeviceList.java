package dev.floorgate.lan;

import java.util.List;
import java.util.Objects;

/**
 * Answer of GET /api/v1/devices.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class DeviceList {
    private final List<PrinterView> printers;
    private final List<ScannerView> scanners;
    private final List<StationView> stations;
    private final List<EnrolledDevice> pdas;

    public DeviceList(List<PrinterView> printers, List<ScannerView> scanners, List<StationView> stations,
            List<EnrolledDevice> pdas) {
        this.printers = Copies.list(printers);
        this.scanners = Copies.list(scanners);
        this.stations = Copies.list(stations);
        this.pdas = Copies.list(pdas);
    }

    public List<PrinterView> printers() {
        return printers;
    }

    public List<ScannerView> scanners() {
        return scanners;
    }

    public List<StationView> stations() {
        return stations;
    }

    public List<EnrolledDevice> pdas() {
        return pdas;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeviceList)) {
            return false;
        }
        DeviceList that = (DeviceList) o;
        return Objects.equals(printers, that.printers)
                && Objects.equals(scanners, that.scanners)
                && Objects.equals(stations, that.stations)
                && Objects.equals(pdas, that.pdas);
    }

    @Override
    public int hashCode() {
        return Objects.hash(printers, scanners, stations, pdas);
    }

    @Override
    public String toString() {
        return "DeviceList{" + "printers=" + printers
                + ", scanners=" + scanners
                + ", stations=" + stations
                + ", pdas=" + pdas + "}";
    }
}

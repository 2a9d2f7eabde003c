package dev.floorgate.lan;

import java.util.Objects;

/**
 * Body of POST /api/v1/admin/printers.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class PrinterAdoption {
    private final String name;
    private final String url;
    private final String description;

    public PrinterAdoption(String name, String url, String description) {
        this.name = name;
        this.url = url;
        this.description = description;
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    public String description() {
        return description;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PrinterAdoption)) {
            return false;
        }
        PrinterAdoption that = (PrinterAdoption) o;
        return Objects.equals(name, that.name)
                && Objects.equals(url, that.url)
                && Objects.equals(description, that.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, url, description);
    }

    @Override
    public String toString() {
        return "PrinterAdoption{" + "name=" + name
                + ", url=" + url
                + ", description=" + description + "}";
    }
}

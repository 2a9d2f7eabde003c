package dev.floorgate.lan;

import java.util.Objects;

/**
 * Answer (201) of POST /api/v1/admin/printers.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class AdoptedPrinter {
    private final String name;
    private final String url;
    private final String state;

    public AdoptedPrinter(String name, String url, String state) {
        this.name = name;
        this.url = url;
        this.state = state;
    }

    public String name() {
        return name;
    }

    public String url() {
        return url;
    }

    public String state() {
        return state;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AdoptedPrinter)) {
            return false;
        }
        AdoptedPrinter that = (AdoptedPrinter) o;
        return Objects.equals(name, that.name)
                && Objects.equals(url, that.url)
                && Objects.equals(state, that.state);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, url, state);
    }

    @Override
    public String toString() {
        return "AdoptedPrinter{" + "name=" + name
                + ", url=" + url
                + ", state=" + state + "}";
    }
}

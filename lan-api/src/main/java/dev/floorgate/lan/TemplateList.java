package dev.floorgate.lan;

import java.util.List;
import java.util.Objects;

/**
 * Answer of GET /api/v1/templates.
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class TemplateList {
    private final List<TemplateView> templates;

    public TemplateList(List<TemplateView> templates) {
        this.templates = Copies.list(templates);
    }

    public List<TemplateView> templates() {
        return templates;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TemplateList)) {
            return false;
        }
        TemplateList that = (TemplateList) o;
        return Objects.equals(templates, that.templates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(templates);
    }

    @Override
    public String toString() {
        return "TemplateList{" + "templates=" + templates + "}";
    }
}

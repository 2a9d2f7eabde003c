package dev.floorgate.gateway.internal.photos;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.util.List;

/**
 * One tenant's photo template, {@code fg.photo-templates.<tenant>.shots} (issue 17 item 2): the shots a parcel
 * needs at intake, in order, each {@code name: hint}, e.g. {@code label: Label side, the carrier's barcode
 * readable}. With a template, a photo of another shot is refused (400 naming the template's shots); without one the
 * default template (label, contents, damage) is offered as a suggestion only.
 */
@EachProperty(PhotoTemplateConfiguration.PREFIX)
public final class PhotoTemplateConfiguration {
    public static final String PREFIX = "fg.photo-templates";

    private final String tenant;
    private List<String> shots = List.of();

    public PhotoTemplateConfiguration(@Parameter String tenant) {
        this.tenant = tenant;
    }

    public String getTenant() {
        return tenant;
    }

    public List<String> getShots() {
        return shots;
    }

    public void setShots(List<String> shots) {
        this.shots = shots == null ? List.of() : shots;
    }
}

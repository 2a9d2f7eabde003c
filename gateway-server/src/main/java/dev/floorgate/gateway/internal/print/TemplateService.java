package dev.floorgate.gateway.internal.print;

import dev.floorgate.gateway.GatewayConfigurationException;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
import dev.floorgate.templates.LabelTemplate;
import dev.floorgate.templates.PreviewOptions;
import dev.floorgate.templates.PreviewResult;
import dev.floorgate.templates.RenderedLabel;
import dev.floorgate.templates.TemplateCatalog;
import dev.floorgate.templates.TemplateLoadException;
import dev.floorgate.templates.ZplPreview;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The label templates of this gateway: the built-in set, plus the site's {@code NAME.zpl} files from
 * {@code fg.templates-dir} when it is set (a site file with a built-in's name replaces it). Loaded once at start-up;
 * a bad site template stops the start with every bad file and line named (TemplateLoadException), because a
 * station or a client would otherwise print with the wrong label or none. Renders and previews turn the
 * template module's IllegalArgumentException (which names the template and field) into INVALID problems.
 * Previews are drawn within a {@link PreviewGuard}'s pixel budget, concurrency limit and timeout.
 */
public final class TemplateService {
    /** Preview resolutions a printer head has. */
    public static final Set<Integer> DPIS = Set.of(152, 203, 300, 600);
    private static final Logger LOG = LoggerFactory.getLogger(TemplateService.class);

    private final TemplateCatalog catalog;
    private final PreviewCache previews = new PreviewCache();
    /** Bounds previews (pixel budget, concurrency, timeout); null draws unbounded (tools and unit tests). */
    private volatile PreviewGuard guard;
    private volatile Clock clock;

    private TemplateService(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The built-in templates plus the site's from {@code fg.templates-dir}.
     *
     * @param templatesDir {@code fg.templates-dir}; null or blank means built-in templates only
     * @throws IllegalStateException naming the directory when a site template cannot be read or is broken
     */
    public static TemplateService load(String templatesDir) {
        TemplateCatalog catalog;
        if (templatesDir == null || templatesDir.isBlank()) {
            catalog = TemplateCatalog.builtIn();
        } else {
            Path dir = Paths.get(templatesDir.trim()).toAbsolutePath().normalize();
            try {
                catalog = TemplateCatalog.withSiteDirectory(dir);
            } catch (TemplateLoadException e) {
                throw new GatewayConfigurationException("fg.templates-dir " + dir + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new GatewayConfigurationException("fg.templates-dir " + dir + " cannot be read: " + e.getMessage(), e);
            }
        }
        TemplateService service = new TemplateService(catalog);
        LOG.info("label templates: {}", service.names());
        return service;
    }

    /**
     * The clock {@code gateway-time} template fields print (the gateway's core time in the site's zone); set once by
     * the wiring. Without one, a template with such a field fails with IllegalStateException naming it.
     */
    public void useClock(Clock clock) {
        this.clock = clock;
    }

    /** Draws every later preview within {@code guard}'s bounds; set once by the wiring. */
    public void guardPreviewsWith(PreviewGuard guard) {
        this.guard = guard;
    }

    public Optional<LabelTemplate> find(String name) {
        return name == null ? Optional.empty() : catalog.find(name);
    }

    public List<LabelTemplate> all() {
        return catalog.all();
    }

    /** The template, or UNKNOWN_TEMPLATE naming {@code field} and the known templates. */
    public LabelTemplate require(String field, String name) {
        return find(name).orElseThrow(() -> new GatewayProblem(ProblemCode.UNKNOWN_TEMPLATE, field + ": no template '"
                + name + "'; known: " + names()));
    }

    /**
     * Renders {@code data} with {@code copies} in its ^PQ.
     *
     * @throws GatewayProblem INVALID naming the template and the field that is missing or wrong
     */
    public RenderedLabel render(LabelTemplate template, Map<String, String> data, int copies) {
        try {
            return template.render(data, copies, clock);
        } catch (IllegalArgumentException e) {
            throw GatewayProblem.invalid("data: " + e.getMessage());
        }
    }

    /** A preview where fields not given take their sample values (the last 32 are kept: PreviewCache). */
    public PreviewResult preview(LabelTemplate template, Map<String, String> data) {
        PreviewGuard g = guard;
        if (g != null) {
            g.requireWithinBudget(template.widthDots(), template.heightDots(), template.dpi());
        }
        // One instant for the key and the drawing: the times a gateway-time field prints are part of the key, so
        // a cached preview never shows a stale time.
        Clock c = clock;
        Clock at = c == null ? null : Clock.fixed(c.instant(), c.getZone());
        Map<String, String> times = template.gatewayTimeValues(at);
        Map<String, String> key = data;
        if (!times.isEmpty()) {
            key = new java.util.HashMap<>(data);
            key.putAll(times);
        }
        try {
            return previews.get(template, key, () -> g == null ? template.preview(data, at)
                    : g.draw(() -> template.preview(data, at)));
        } catch (IllegalArgumentException e) {
            throw GatewayProblem.invalid("data: " + e.getMessage());
        }
    }

    /** A preview of raw ZPL (a carrier's label) at {@code dpi}. */
    public PreviewResult previewRaw(String zpl, int dpi) {
        if (!DPIS.contains(dpi)) {
            throw GatewayProblem.invalid("dpi: must be 152, 203, 300 or 600, got " + dpi);
        }
        PreviewGuard g = guard;
        try {
            if (g == null) {
                return ZplPreview.render(zpl, dpi);
            }
            PreviewOptions options = g.optionsFor(zpl, dpi);
            return g.draw(() -> ZplPreview.render(zpl, dpi, 0, 0, options));
        } catch (IllegalArgumentException e) {
            throw GatewayProblem.invalid("zpl: " + e.getMessage());
        }
    }

    private List<String> names() {
        List<String> out = new ArrayList<>();
        for (LabelTemplate t : catalog.all()) {
            out.add(t.name());
        }
        return out;
    }
}

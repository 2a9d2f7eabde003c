package dev.floorgate.gateway.internal.photos;

import dev.floorgate.gateway.GatewayConfigurationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The photo templates per tenant ({@link PhotoTemplateConfiguration}): which shots a parcel needs at intake, with a
 * hint each for the person taking them. Checked when the gateway starts: a shot name is a code of 1-64 letters,
 * digits, '.', '_', '-', named once per template, and a template has 1-20 shots; a bad entry stops the start with
 * one line naming the key.
 */
public final class PhotoTemplates {
    /** One shot: the name a photo is filed under and what to photograph. */
    public record Shot(String name, String hint) {
    }

    /** A tenant's template; {@code enforced} when the tenant has its own (then other shots are refused). */
    public record Template(String tenant, boolean enforced, List<Shot> shots) {
        public Set<String> names() {
            Set<String> out = new LinkedHashSet<>();
            shots.forEach(s -> out.add(s.name()));
            return out;
        }
    }

    /** Offered to a tenant without a template of its own: a suggestion, not a rule. */
    static final List<Shot> DEFAULT = List.of(
            new Shot("label", "Label side, the carrier's barcode and address readable"),
            new Shot("contents", "Contents from above, box open"),
            new Shot("damage", "Any damage close up: dents, tears, wet spots (skip if none)"));

    private final Map<String, List<Shot>> byTenant = new HashMap<>();

    public PhotoTemplates(List<PhotoTemplateConfiguration> configured) {
        for (PhotoTemplateConfiguration c : configured) {
            String key = PhotoTemplateConfiguration.PREFIX + "." + c.getTenant() + ".shots";
            if (!c.getTenant().matches("[A-Za-z0-9._-]{1,64}")) {
                throw new GatewayConfigurationException(key + ": the tenant code must be 1-64 letters, digits, '.', "
                        + "'_' or '-'");
            }
            if (c.getShots().isEmpty() || c.getShots().size() > 20) {
                throw new GatewayConfigurationException(key + ": needs 1 to 20 shots, each 'name: hint', has "
                        + c.getShots().size());
            }
            List<Shot> shots = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String entry : c.getShots()) {
                int colon = entry.indexOf(':');
                String name = (colon < 0 ? entry : entry.substring(0, colon)).trim();
                String hint = colon < 0 ? null : entry.substring(colon + 1).trim();
                if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                    throw new GatewayConfigurationException(key + ": shot '" + name + "' is not 1-64 letters, digits, "
                            + "'.', '_' or '-' (write each shot as 'name: hint')");
                }
                if (!seen.add(name)) {
                    throw new GatewayConfigurationException(key + ": shot '" + name + "' is named twice");
                }
                if (hint != null && hint.length() > 200) {
                    throw new GatewayConfigurationException(key + ": the hint of shot '" + name + "' is over 200 "
                            + "characters");
                }
                shots.add(new Shot(name, hint == null || hint.isEmpty() ? null : hint));
            }
            byTenant.put(c.getTenant(), List.copyOf(shots));
        }
    }

    public Template of(String tenant) {
        List<Shot> own = byTenant.get(tenant);
        return own == null ? new Template(tenant, false, DEFAULT) : new Template(tenant, true, own);
    }
}

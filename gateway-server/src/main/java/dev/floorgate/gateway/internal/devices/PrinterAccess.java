package dev.floorgate.gateway.internal.devices;

import dev.floorgate.gateway.GatewayConfigurationException;
import dev.floorgate.templates.ZplCommandPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use which printer (issue 22, finding 1): printers belong to tenants ({@code fg.printers.<name>.tenants})
 * or are shared ({@code shared: true}); a device or station prints only on a printer its tenant may use, and
 * another tenant's printer is treated as if it did not exist. The printer admin role
 * ({@code fg.printers.<name>.admin-devices}, {@code fg.stations.<name>.printer-admin}) decides which
 * {@link ZplCommandPolicy} raw ZPL is checked with.
 *
 * <p><b>No key, shared.</b> A printer with neither {@code tenants} nor {@code shared} stays shared by every tenant,
 * as every printer was before this class: an existing site keeps printing after the upgrade instead of every
 * station and PDA losing its printer at once. The start logs one warning naming those printers, so site IT sees
 * what to set. Printers adopted at run time have no tenants and are shared the same way.
 *
 * <p>Checked at start (a mistake stops it naming the key): both keys on one printer, a malformed tenant, a station
 * whose tenant may not use its printer. Reads the registry on each call, so adopted printers count at once.
 */
public final class PrinterAccess {
    private static final Logger LOG = LoggerFactory.getLogger(PrinterAccess.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final PrinterRegistry printers;
    /** Configured printers with neither tenants nor shared, at start: named by the start's warning. */
    private final List<String> sharedByDefault;

    public PrinterAccess(PrinterRegistry printers, List<StationConfiguration> stations) {
        this.printers = printers;
        List<String> unowned = new ArrayList<>();
        for (String name : printers.names()) {
            PrinterConfiguration c = printers.configuration(name).orElseThrow();
            String key = PrinterConfiguration.PREFIX + "." + name;
            if (c.getShared() != null && !c.getTenants().isEmpty()) {
                throw new GatewayConfigurationException(key + ".shared and " + key + ".tenants: set one (shared: true for "
                        + "every tenant, or the list of tenants " + c.getTenants() + "), not both");
            }
            if (Boolean.FALSE.equals(c.getShared())) {
                throw new GatewayConfigurationException(key + ".shared: false leaves the printer to nobody; list its "
                        + "tenants in " + key + ".tenants instead");
            }
            for (String t : c.getTenants()) {
                if (!ID.matcher(t).matches()) {
                    throw new GatewayConfigurationException(key + ".tenants: '" + t + "' is not a tenant id (1 to 64 "
                            + "letters, digits, '.', '_' or '-')");
                }
            }
            if (c.getShared() == null && c.getTenants().isEmpty()) {
                unowned.add(name);
            }
        }
        for (StationConfiguration s : stations) {
            if (s.getPrinter() != null && s.getTenant() != null && printers.contains(s.getPrinter())
                    && !mayPrint(s.getTenant(), s.getPrinter())) {
                throw new GatewayConfigurationException("fg.stations." + s.getName() + ".printer: printer '" + s.getPrinter()
                        + "' is not for tenant '" + s.getTenant() + "' (fg.printers." + s.getPrinter() + ".tenants "
                        + tenantsOf(s.getPrinter()) + ")");
            }
        }
        this.sharedByDefault = List.copyOf(unowned);
        if (!unowned.isEmpty()) {
            LOG.warn("printers {} have neither fg.printers.<name>.tenants nor fg.printers.<name>.shared: every "
                    + "tenant's devices may print on them (as before). Set tenants: [..] to give a printer to "
                    + "its tenants, or shared: true to keep it shared and silence this warning", unowned);
        }
    }

    /** The printers shared only because their configuration has no tenants or shared key (the start warned). */
    public List<String> sharedByDefault() {
        return sharedByDefault;
    }

    /** Whether a device or station of {@code tenant} may print on {@code printer} (false for an unknown printer). */
    public boolean mayPrint(String tenant, String printer) {
        Optional<PrinterConfiguration> c = printers.configuration(printer);
        if (c.isEmpty()) {
            return false;
        }
        List<String> tenants = c.get().getTenants();
        return tenants.isEmpty() || tenants.contains(tenant);
    }

    /** The printers {@code tenant} may print on, sorted; null tenant (the admin token): every printer. */
    public Set<String> visibleTo(String tenant) {
        Set<String> out = new TreeSet<>();
        for (String name : printers.names()) {
            if (tenant == null || mayPrint(tenant, name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** The tenants listed for a printer; empty for a shared one. */
    public List<String> tenantsOf(String printer) {
        return printers.configuration(printer).map(PrinterConfiguration::getTenants).orElse(List.of());
    }

    /** Whether enrolled device {@code deviceId} holds the printer admin role on {@code printer}. */
    public boolean isPrinterAdmin(String deviceId, String printer) {
        return deviceId != null && printers.configuration(printer)
                .map(c -> c.getAdminDevices().contains(deviceId)).orElse(false);
    }

    /** The policy raw ZPL of {@code deviceId} for {@code printer} is checked with. */
    public ZplCommandPolicy policyFor(String deviceId, String printer) {
        return ZplCommandPolicy.forRole(isPrinterAdmin(deviceId, printer));
    }

    /**
     * How many of {@code maxQueued} waiting jobs one tenant may hold at {@code printer} when
     * {@code fg.print.tenant-queue-limit} is not set: an equal share among the printer's listed tenants, and half
     * of the queue on a shared printer (its tenants are not known in advance), so no one tenant fills it.
     */
    public int fairShare(String printer, int maxQueued) {
        int tenants = tenantsOf(printer).size();
        int share = tenants == 0 ? maxQueued / 2 : maxQueued / tenants;
        return Math.max(1, share);
    }
}

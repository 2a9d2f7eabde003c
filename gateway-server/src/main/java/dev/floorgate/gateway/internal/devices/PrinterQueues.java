package dev.floorgate.gateway.internal.devices;

import java.util.Map;

/**
 * How many print jobs wait at each printer, by state, for the device list. Implemented by the print spooler;
 * declared here so that the device list does not depend on the spooler's package.
 */
public interface PrinterQueues {
    /**
     * Job counts per printer and state (only states with jobs), for one tenant's jobs, or for all when
     * {@code tenant} is null.
     */
    Map<String, Map<String, Integer>> countsByPrinter(String tenant);

    /**
     * Whether the printer's label counter confirms what it prints (PROTOCOLS.md 2.4): true, false (not
     * closed-loop), or null while not known yet.
     */
    default Boolean closedLoop(String printer) {
        return null;
    }

    /** Why the printer is not closed-loop; "" when it is, null while not known. */
    default String closedLoopNote(String printer) {
        return null;
    }
}

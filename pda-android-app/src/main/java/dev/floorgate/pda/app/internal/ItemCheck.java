package dev.floorgate.pda.app.internal;

import dev.floorgate.lan.PickTask;
import dev.floorgate.lan.ScanResult;
import dev.floorgate.pda.GatewayClient;
import dev.floorgate.pda.GatewayException;
import dev.floorgate.pda.ScanData;
import java.io.IOException;

/**
 * Is this scan the task's item? The gateway decides ({@code POST /api/v1/scans}: it knows every barcode and decodes
 * GS1); when it is out of reach, the task's own SKU and GTINs decide, and the picker is told it was checked on the
 * PDA. Worded as the web picker's checkItem (picking.js). Runs on the worker thread.
 */
final class ItemCheck {
    /** null when the item is right; else what the picker is told. */
    final String refusal;
    /** The gateway's reading (GS1 lot, expiry, serial), null when checked on the PDA. */
    final ScanResult reading;

    private ItemCheck(String refusal, ScanResult reading) {
        this.refusal = refusal;
        this.reading = reading;
    }

    static ItemCheck of(GatewayClient client, PickTask task, String text, ScanData scan) {
        try {
            ScanResult r = scan != null ? client.scan(scan) : client.scan(text, null);
            if (r.problems() != null && !r.problems().isEmpty()) {
                return new ItemCheck("Barcode not readable: " + r.problems().get(0).message(), r);
            }
            if (r.matchKind() == ScanResult.MatchKind.SKU && task.sku().equals(r.sku())) {
                return new ItemCheck(null, r);
            }
            if (r.matchKind() == ScanResult.MatchKind.SKU) {
                return new ItemCheck("Wrong item: " + r.sku() + (r.name() == null ? "" : " " + r.name()) + ". Pick "
                        + task.sku(), r);
            }
            return new ItemCheck("Unknown barcode " + text.replace('\u001d', ' ') + ". Pick " + task.sku(), r);
        } catch (GatewayException e) {
            return new ItemCheck("The gateway refused the scan: " + Picker.reason(e), null);
        } catch (IOException unreachable) {
            return new ItemCheck(PickFlow.itemMatchesLocally(task, text) ? null
                    : "Not " + task.sku() + " (checked on this PDA: gateway out of reach)", null);
        }
    }
}

package dev.floorgate.pda.app.internal;

import dev.floorgate.lan.ParcelIntakeReceipt;

/**
 * The parcel intake screen's state (issue 17): whether it is open and the gateway's answer to the last scan, and how
 * that answer reads for the person at the receiving station: whose parcel it is, in large letters, or NO OWNER when
 * nobody announced it (it goes to the no-owner shelf). The call itself is {@link Picker#receiveParcel}.
 */
public final class Intake {
    private boolean open;
    private ParcelIntakeReceipt last;

    boolean open() {
        return open;
    }

    void open(boolean open) {
        this.open = open;
        if (!open) {
            last = null;
        }
    }

    public ParcelIntakeReceipt last() {
        return last;
    }

    void last(ParcelIntakeReceipt r) {
        this.last = r;
    }

    /** The big line: the owner's code and name, or NO OWNER. */
    public static String headline(ParcelIntakeReceipt r) {
        if (r.owner() == null) {
            return "NO OWNER";
        }
        return r.owner() + (r.ownerName() == null ? "" : "  " + r.ownerName());
    }

    /** The line under it: what to do with the parcel, its ids, and whether it was scanned before. */
    public static String detail(ParcelIntakeReceipt r) {
        StringBuilder b = new StringBuilder();
        b.append(r.owner() == null ? "Put it on the no-owner shelf " : "Put it on shelf ").append(r.location());
        if (r.parcelId() != null) {
            b.append("\nParcel ").append(r.parcelId());
        }
        b.append("\n").append(r.carrier()).append(" ").append(r.trackingKey());
        if (r.repeated()) {
            b.append("\nScanned in before (").append(r.state()).append("): nothing new was stored");
        }
        if (r.failure() != null) {
            b.append("\nRefused by the core: ").append(r.failure());
        }
        return b.toString();
    }

    /** What the feedback line says (and whether it sounds good or bad). */
    static String spoken(ParcelIntakeReceipt r) {
        if (r.repeated()) {
            return "Already scanned in: " + headline(r);
        }
        return r.owner() == null ? "No owner: put it on the no-owner shelf" : "Parcel of " + headline(r);
    }
}

package dev.floorgate.pda.app.internal;

import dev.floorgate.lan.PickTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scan-first pick flow of the web picker (picking.js), one task per screen: on the list a bin scan opens the
 * task at that bin; on a task the bin is checked, then the item, then the quantity is confirmed. Holds the list and
 * what this PDA picked that the gateway's list does not show yet. No Android and no network here: {@link Picker}
 * asks the gateway about items and feeds the answer back.
 */
public final class PickFlow {
    public enum Step { BIN, ITEM, QTY }

    private List<PickTask> tasks = new ArrayList<>();
    /** taskId -> units this PDA picked (queued or sent), until the gateway's list has caught up. */
    private final Map<String, Long> pickedHere = new HashMap<>();
    private PickTask current;
    private Step step = Step.BIN;
    private long qty;
    private String itemData;
    private String lot;
    private String expiry;
    private String serial;
    private boolean typed;

    public void replaceTasks(List<PickTask> fresh) {
        tasks = new ArrayList<>(fresh);
        for (PickTask t : fresh) {
            Long mine = pickedHere.get(t.taskId());
            if (mine != null && t.picked() >= mine) {
                pickedHere.remove(t.taskId()); // the gateway's count caught up
            }
        }
    }

    public long picked(PickTask t) {
        Long mine = pickedHere.get(t.taskId());
        return mine == null ? t.picked() : Math.max(t.picked(), mine);
    }

    public long remaining(PickTask t) {
        return Math.max(0, t.qty() - picked(t));
    }

    public List<PickTask> openTasks() {
        List<PickTask> open = new ArrayList<>();
        for (PickTask t : tasks) {
            if (remaining(t) > 0) {
                open.add(t);
            }
        }
        return open;
    }

    /** A scan on the list: the task at that bin opens at the item step; null when no open task is there. */
    public PickTask openAtBin(String scan) {
        for (PickTask t : openTasks()) {
            if (same(t.location(), scan)) {
                open(t, Step.ITEM);
                return t;
            }
        }
        return null;
    }

    public void open(PickTask t, Step at) {
        current = t;
        step = at;
        qty = 0;
        itemData = null;
        lot = null;
        expiry = null;
        serial = null;
        typed = false;
    }

    public void close() {
        current = null;
    }

    /** A bin scan on the task: true and on to the item when it is the task's bin. */
    public boolean binScanned(String scan, boolean typedIn) {
        if (!same(current.location(), scan)) {
            return false;
        }
        typed |= typedIn;
        step = Step.ITEM;
        return true;
    }

    /** The item is confirmed (by the gateway's match or the task's own codes): on to the quantity, 1 so far. */
    public void itemConfirmed(String data, String lot, String expiry, String serial, boolean typedIn) {
        this.itemData = data;
        this.lot = lot;
        this.expiry = expiry;
        this.serial = serial;
        this.typed |= typedIn;
        this.step = Step.QTY;
        this.qty = 1;
    }

    /** Sets the quantity within 1..remaining; returns false (and clamps) when asked for more than remains. */
    public boolean setQty(long n) {
        long max = remaining(current);
        if (n > max) {
            qty = max;
            return false;
        }
        qty = Math.max(1, n);
        return true;
    }

    /** After the pick is durably queued: counts it here and opens the next open task, or returns null. */
    public PickTask picked(long units) {
        pickedHere.put(current.taskId(), picked(current) + units);
        List<PickTask> open = openTasks();
        if (open.isEmpty()) {
            current = null;
            return null;
        }
        open(open.get(0), Step.BIN);
        return current;
    }

    /** A rejected pick did not happen: its units go back to the task. */
    public void unpick(String sku, String orderNo, String location, long units) {
        for (PickTask t : tasks) {
            if (t.sku().equals(sku) && eq(t.orderNo(), orderNo) && eq(t.location(), location)) {
                Long mine = pickedHere.get(t.taskId());
                if (mine != null) {
                    pickedHere.put(t.taskId(), Math.max(0, mine - units));
                }
            }
        }
    }

    /** The task's SKU, one of its barcodes or GTINs (GTIN-14 in AI 01 too), without the gateway. */
    public static boolean itemMatchesLocally(PickTask t, String data) {
        String s = data.replaceFirst("^\\][A-Za-z][0-9A-Za-z]", "");
        if (s.equals(t.sku())) {
            return true;
        }
        if (s.startsWith("(01)")) {
            s = "01" + s.substring(4);
        }
        String digits = s.matches("\\d{8,14}") ? pad14(s) : (s.startsWith("01") && s.length() >= 16
                ? s.substring(2, 16) : null);
        return digits != null && t.sku() != null && pad14(t.sku()).equals(digits);
    }

    public boolean anyOpenTaskHasItem(String data) {
        for (PickTask t : openTasks()) {
            if (itemMatchesLocally(t, data)) {
                return true;
            }
        }
        return false;
    }

    private static String pad14(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = s.length(); i < 14; i++) {
            b.append('0');
        }
        return b.append(s).toString();
    }

    private static boolean same(String location, String scan) {
        return location != null
                && location.trim().toUpperCase(Locale.ROOT).equals(scan.trim().toUpperCase(Locale.ROOT));
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    public List<PickTask> tasks() {
        return tasks;
    }

    public PickTask current() {
        return current;
    }

    public Step step() {
        return step;
    }

    public long qty() {
        return qty;
    }

    public String itemData() {
        return itemData;
    }

    public String lot() {
        return lot;
    }

    public String expiry() {
        return expiry;
    }

    public String serial() {
        return serial;
    }

    public boolean typed() {
        return typed;
    }
}

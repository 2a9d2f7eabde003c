package dev.floorgate.devices.internal;

import dev.floorgate.devices.PrinterState;
import dev.floorgate.devices.PrinterStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes the bytes a printer sent in reply to {@code ~HS} and/or {@code ~HQES} into a {@link PrinterStatus}. A
 * pure function: bytes in, status out (PROTOCOLS.md 2.1 and 2.2).
 *
 * <ul>
 *   <li>{@code ~HS} string 1 (12 fields): [1] paper out, [2] paused, [4] formats in buffer, [7] partial format,
 *       [11] over temperature. String 2 (11 fields): [2] head open, [3] ribbon out, [7] label waiting (peel-off),
 *       [8] labels remaining.</li>
 *   <li>{@code ~HQES}: {@code ERRORS: <flag> <group2> <group1>}, groups in hex; group 1 bits 0x1 media out,
 *       0x2 ribbon out, 0x4 head open, 0x10000 paused, the others (cutter, over-temperature, ...) are a FAULT.
 *       Warnings are only mentioned in the detail.</li>
 *   <li>No frame at all: NOT_ANSWERING (a printer in a fault state may stay silent on {@code ~HS}).</li>
 * </ul>
 */
public final class ZebraStatusParser {

    private static final String[] ERROR_NAMES = {
        "media out", "ribbon out", "head open", "cutter fault", "printhead over temperature",
        "motor over temperature", "bad printhead element", "printhead detection error",
        "invalid firmware configuration", "printhead thermistor open", null, null,
        "paper jam during retract", "presenter not running", "paper feed error", "clear paper path failed",
        "paused", "retract timed out", "black-mark calibrate error", "black mark not found"
    };
    private static final String[] WARNING_NAMES = {"need to calibrate media", "clean printhead", "replace printhead",
        "paper near end"};
    private static final long MEDIA_OUT = 0x1;
    private static final long RIBBON_OUT = 0x2;
    private static final long HEAD_OPEN = 0x4;
    private static final long PAUSED = 0x10000;

    private ZebraStatusParser() {
    }

    public static PrinterStatus parse(byte[] reply, Instant at) {
        List<String> hostStatus = new ArrayList<>();
        String extended = null;
        for (String frame : ZebraFrames.split(reply)) {
            if (ZebraFrames.isExtendedStatus(frame)) {
                extended = frame;
            } else {
                hostStatus.add(frame);
            }
        }
        if (hostStatus.isEmpty() && extended == null) {
            return PrinterStatus.without(PrinterState.NOT_ANSWERING, "no reply to ~HS or ~HQES", at);
        }
        Set<PrinterState> faults = EnumSet.noneOf(PrinterState.class);
        List<String> notes = new ArrayList<>();
        int formats = -1;
        int labels = -1;
        boolean partialFormat = false;
        boolean labelWaiting = false;
        boolean understood = false;

        if (hostStatus.size() >= 2) {
            String[] s1 = hostStatus.get(0).trim().split(",", -1);
            String[] s2 = hostStatus.get(1).trim().split(",", -1);
            if (s1.length < 12 || s2.length < 11) {
                notes.add("malformed ~HS reply: " + s1.length + " and " + s2.length + " fields, expected 12 and 11");
            } else {
                understood = true;
                flag(s1[1], PrinterState.PAPER_OUT, faults);
                flag(s1[2], PrinterState.PAUSED, faults);
                formats = number(s1[4]);
                partialFormat = isOne(s1[7]);
                if (isOne(s1[11])) {
                    faults.add(PrinterState.FAULT);
                    notes.add("over temperature");
                }
                if (isOne(s1[10])) {
                    notes.add("under temperature");
                }
                if (isOne(s1[9])) {
                    notes.add("corrupt RAM (configuration lost)");
                }
                if (isOne(s1[5])) {
                    notes.add("receive buffer full");
                }
                flag(s2[2], PrinterState.HEAD_OPEN, faults);
                flag(s2[3], PrinterState.RIBBON_OUT, faults);
                labels = number(s2[8]);
                labelWaiting = isOne(s2[7]);
            }
        } else if (hostStatus.size() == 1) {
            notes.add("incomplete ~HS reply: 1 of 3 strings");
        }

        if (extended != null) {
            long[] errors = groups(extended, "ERRORS:");
            long[] warnings = groups(extended, "WARNINGS:");
            if (errors == null) {
                notes.add("malformed ~HQES reply");
            } else {
                understood = true;
                long group1 = errors[1];
                if ((group1 & MEDIA_OUT) != 0) {
                    faults.add(PrinterState.PAPER_OUT);
                }
                if ((group1 & RIBBON_OUT) != 0) {
                    faults.add(PrinterState.RIBBON_OUT);
                }
                if ((group1 & HEAD_OPEN) != 0) {
                    faults.add(PrinterState.HEAD_OPEN);
                }
                if ((group1 & PAUSED) != 0) {
                    faults.add(PrinterState.PAUSED);
                }
                long other = group1 & ~(MEDIA_OUT | RIBBON_OUT | HEAD_OPEN | PAUSED);
                if (other != 0 || errors[0] != 0) {
                    faults.add(PrinterState.FAULT);
                    notes.addAll(names(other, ERROR_NAMES));
                    if (errors[0] != 0) {
                        notes.add(String.format("error group 2 0x%08X", errors[0]));
                    }
                }
                if (hostStatus.isEmpty() && faults.isEmpty()) {
                    faults.add(PrinterState.FAULT);
                    notes.add("answered ~HQES but not ~HS (a fault ~HQES does not name, such as rewinder full)");
                }
            }
            if (warnings != null) {
                for (String warning : names(warnings[1], WARNING_NAMES)) {
                    notes.add("warning: " + warning);
                }
            }
        }

        PrinterState state = !understood ? PrinterState.UNKNOWN : mostImportant(faults);
        StringBuilder detail = new StringBuilder(state.label());
        for (PrinterState fault : faults) {
            if (fault != state && fault != PrinterState.FAULT) {
                detail.append(", ").append(fault.label());
            }
        }
        for (String note : notes) {
            detail.append("; ").append(note);
        }
        return new PrinterStatus(state, faults, formats, labels, partialFormat, labelWaiting, detail.toString(),
                Hex.printable(reply, 400), at);
    }

    private static PrinterState mostImportant(Set<PrinterState> faults) {
        for (PrinterState s : new PrinterState[] {PrinterState.HEAD_OPEN, PrinterState.PAPER_OUT,
                PrinterState.RIBBON_OUT, PrinterState.FAULT, PrinterState.PAUSED}) {
            if (faults.contains(s)) {
                return s;
            }
        }
        return PrinterState.READY;
    }

    /** {@code [group2, group1]} after the label, or null when the line is missing or not hex. */
    private static long[] groups(String frame, String label) {
        int at = frame.indexOf(label);
        if (at < 0) {
            return null;
        }
        String[] words = frame.substring(at + label.length()).trim().split("\\s+");
        if (words.length < 3) {
            return null;
        }
        try {
            return new long[] {Long.parseLong(words[1], 16), Long.parseLong(words[2], 16)};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> names(long bits, String[] names) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < 63; i++) {
            if ((bits & (1L << i)) != 0) {
                result.add(i < names.length && names[i] != null ? names[i] : String.format("bit 0x%X", 1L << i));
            }
        }
        return result;
    }

    private static void flag(String field, PrinterState state, Set<PrinterState> faults) {
        if (isOne(field)) {
            faults.add(state);
        }
    }

    private static boolean isOne(String field) {
        return field.trim().equals("1");
    }

    private static int number(String field) {
        try {
            return Integer.parseInt(field.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

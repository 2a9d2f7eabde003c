package dev.floorgate.devices.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of a simulated Zebra printer, shared by all its connections (PROTOCOLS.md, "what a faithful printer
 * simulator must do"):
 * <ul>
 *   <li>Formats queue in a buffer and print in arrival order while nothing stops the printer. Paper out,
 *       ribbon out, head open, pause and silent (hung) stop printing; queued formats stay and print once the
 *       printer is fixed. Each format prints {@code ^PQ} labels, {@code labelMillis} apiece (0 = at once).</li>
 *   <li>Query answers: {@code ~HS} three frames, silent while paper out, ribbon out or head open;
 *       {@code ~HQES} with error bits; {@code ~HI}; SGD getvar (quoted values, {@code "?"} for unknown names).
 *       Silent mode answers nothing at all.</li>
 *   <li>{@code ^DF} stores a format (nothing prints) in R: (lost on power cycle) or E:; {@code ^LL} persists.</li>
 *   <li>The label counter (SGD {@code odometer.total_label_count}) counts every label that comes out and, like a
 *       real printer's odometer, survives a power cycle, {@code ~JA} and a reset; a model without counters
 *       answers {@code "?"}. A power cycle, {@code ~JA} (front panel or host) and a jam that is cleared lose what
 *       the buffer held: the cleared jam cancels the rest of the batch being printed, the others everything.</li>
 * </ul>
 * Thread-safe: every method synchronizes on this object.
 */
final class SimulatedPrinter {

    private static final Logger log = LoggerFactory.getLogger(SimulatedPrinter.class);
    private static final Pattern PQ = Pattern.compile("\\^PQ(\\d{1,8})", Pattern.CASE_INSENSITIVE);
    private static final Pattern LL = Pattern.compile("\\^LL(\\d{1,5})", Pattern.CASE_INSENSITIVE);
    private static final Pattern DF = Pattern.compile("\\^DF([REBA]:)?([^\\^~]+)", Pattern.CASE_INSENSITIVE);
    private static final String STX = "\u0002";
    private static final String ETX = "\u0003";
    private static final String CRLF = "\r\n";

    private final PrinterSimulator.Settings settings;
    private final LabelCapture capture;
    private final ScheduledExecutorService engine;

    private boolean paperOut;
    private boolean ribbonOut;
    private boolean headOpen;
    private boolean paused;
    private boolean silent;
    private boolean jammed;
    private long labelMillis;
    private String serial;
    private final Deque<Queued> buffer = new ArrayDeque<>();
    private Queued printing;
    private int labelsRemaining;
    private ScheduledFuture<?> labelTimer;
    private int nextSequence = 1;
    private long odometer;
    /** The format of every label that came out, in order (a batch of 10 is ten entries). */
    private final List<PrintedLabel> labelsOut = new ArrayList<>();
    private int labelLengthDots;
    private final Map<String, String> variables = new HashMap<>();
    /** The real-time clock (rtc.date, rtc.time); its own class so the print loop here stays as it is. */
    final SimulatedRtc rtc;
    private final Map<String, String> storedFormats = new HashMap<>();
    private final List<PrintedLabel> printed = new ArrayList<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private long receivedDropped;
    private final List<String> replies = new ArrayList<>();

    private static final class Queued {
        final int sequence;
        final byte[] bytes;
        final int copies;

        Queued(int sequence, byte[] bytes, int copies) {
            this.sequence = sequence;
            this.bytes = bytes;
            this.copies = copies;
        }
    }

    SimulatedPrinter(PrinterSimulator.Settings settings, LabelCapture capture, ScheduledExecutorService engine) {
        this.settings = settings;
        this.rtc = new SimulatedRtc(settings.clockZone, settings.clock);
        this.capture = capture;
        this.engine = engine;
        this.labelLengthDots = defaultLabelLength();
        this.odometer = settings.odometerStart;
        this.labelMillis = settings.labelMillis;
        this.serial = settings.serial;
        variables.put("device.friendly_name", settings.friendlyName);
    }

    // ---- what arrives ----

    synchronized void record(byte[] bytes) {
        if (received.size() + bytes.length > settings.maxRecordedBytes) {
            receivedDropped += bytes.length;
            return;
        }
        received.writeBytes(bytes);
    }

    synchronized void onFormat(String format) {
        byte[] bytes = format.getBytes(StandardCharsets.ISO_8859_1);
        Matcher df = DF.matcher(format);
        if (df.find()) {
            String device = df.group(1) == null ? "R:" : df.group(1).toUpperCase(Locale.ROOT);
            storedFormats.put(device + df.group(2).trim().toUpperCase(Locale.ROOT), format);
            return; // a stored format does not print
        }
        Matcher ll = LL.matcher(format);
        if (ll.find()) {
            labelLengthDots = Integer.parseInt(ll.group(1));
        }
        if (buffer.size() >= settings.maxBufferedFormats) {
            log.warn("simulated printer buffer holds {} formats; format dropped", buffer.size());
            return;
        }
        Matcher pq = PQ.matcher(format);
        int copies = pq.find() ? Math.max(1, Integer.parseInt(pq.group(1))) : 1;
        buffer.add(new Queued(nextSequence++, bytes, copies));
        advance();
    }

    // ---- the print engine ----

    private boolean stopped() {
        return paperOut || ribbonOut || headOpen || paused || silent || jammed;
    }

    /** Prints what can be printed now; with labelMillis > 0 schedules the next label. */
    private void advance() {
        while (!stopped()) {
            if (printing == null) {
                Queued next = buffer.poll();
                if (next == null) {
                    return;
                }
                printing = next;
                labelsRemaining = next.copies;
                Path file = null;
                if (capture != null) {
                    try {
                        file = capture.write(next.sequence, next.bytes);
                    } catch (IOException e) {
                        log.warn("capture of label {} failed: {}", next.sequence, e.toString());
                    }
                }
                printed.add(new PrintedLabel(next.sequence, next.bytes, next.copies, file, Instant.now()));
                notifyAll();
            }
            if (labelMillis > 0) {
                if (labelTimer == null || labelTimer.isDone()) {
                    labelTimer = engine.schedule(this::labelDone, labelMillis, TimeUnit.MILLISECONDS);
                }
                return;
            }
            for (int i = 0; i < labelsRemaining; i++) {
                labelOut();
            }
            labelsRemaining = 0;
            printing = null;
        }
    }

    private synchronized void labelDone() {
        labelTimer = null;
        if (printing == null || stopped()) {
            return;
        }
        labelOut();
        if (--labelsRemaining <= 0) {
            printing = null;
            labelsRemaining = 0;
        }
        advance();
    }

    private void labelOut() {
        odometer++;
        labelsOut.add(printed.get(printed.size() - 1));
        notifyAll();
    }

    // ---- faults ----

    /** A jam stops printing (error 0x4000, paper feed error); clearing it cancels the rest of the batch. */
    synchronized void jam(boolean on) {
        boolean cleared = jammed && !on;
        jammed = on;
        if (cleared && printing != null) {
            log.info("simulated printer: jam cleared, the rest of format {} ({} labels) is cancelled",
                    printing.sequence, labelsRemaining);
            printing = null;
            labelsRemaining = 0;
        }
        advance();
    }

    /** Another printer at the same address: its own serial and counter, an empty buffer. */
    synchronized void replace(String newSerial, long newOdometer) {
        powerCycle();
        storedFormats.clear();
        serial = newSerial;
        odometer = newOdometer;
    }

    synchronized void labelMillis(long millis) {
        labelMillis = millis;
    }

    synchronized void paperOut(boolean on) {
        paperOut = on;
        advance();
    }

    synchronized void ribbonOut(boolean on) {
        ribbonOut = on;
        advance();
    }

    synchronized void headOpen(boolean on) {
        headOpen = on;
        advance();
    }

    synchronized void paused(boolean on) {
        paused = on;
        advance();
    }

    synchronized void silent(boolean on) {
        silent = on;
        advance();
    }

    /** Cancels all queued formats and the batch in progress ({@code ~JA}). */
    synchronized void cancelAll() {
        buffer.clear();
        printing = null;
        labelsRemaining = 0;
        jammed = false;
    }

    /** Power off and on: the buffer, R: and settings not saved are lost; pause is cleared. */
    synchronized void powerCycle() {
        cancelAll();
        storedFormats.keySet().removeIf(k -> k.startsWith("R:"));
        labelLengthDots = defaultLabelLength();
        paused = false;
        advance();
    }

    // ---- answers (null = the printer stays silent) ----

    private boolean silentOnHostStatus() {
        return silent || paperOut || ribbonOut || headOpen;
    }

    synchronized String hostStatus() {
        if (silentOnHostStatus()) {
            return null;
        }
        String[] lines = hostStatusLines();
        return STX + lines[0] + ETX + CRLF + STX + lines[1] + ETX + CRLF + STX + lines[2] + ETX + CRLF;
    }

    private String[] hostStatusLines() {
        return new String[] {
            String.format("030,%d,%d,%04d,%03d,0,0,0,000,0,0,0", bit(paperOut), bit(paused), labelLengthDots,
                    Math.min(999, buffer.size())),
            String.format("001,0,%d,%d,1,2,6,0,%08d,1,000", bit(headOpen), bit(ribbonOut), labelsRemaining),
            "1234,0"
        };
    }

    synchronized String extendedStatus() {
        if (silent) {
            return null;
        }
        long errors = errorBits();
        return STX + CRLF + "  PRINTER STATUS" + CRLF
                + String.format("   ERRORS:         %d 00000000 %08X", errors == 0 ? 0 : 1, errors) + CRLF
                + "   WARNINGS:       0 00000000 00000000" + CRLF + ETX;
    }

    private long errorBits() {
        return (paperOut ? 0x1 : 0) | (ribbonOut ? 0x2 : 0) | (headOpen ? 0x4 : 0) | (jammed ? 0x4000 : 0)
                | (paused ? 0x10000 : 0);
    }

    synchronized String identification() {
        if (silent) {
            return null;
        }
        return STX + settings.model + "-" + settings.dpi + "dpi," + settings.firmware + "," + dotsPerMm() + ",8176KB"
                + ETX + CRLF;
    }

    /** The value of an SGD variable, {@code "?"} when unknown, null when the printer stays silent. */
    synchronized String getVar(String name) {
        if (silent) {
            return null;
        }
        String clock = rtc.getVar(name);
        if (clock != null) {
            return clock;
        }
        switch (name) {
            case "appl.name":
                return settings.firmware;
            case "device.unique_id":
                return serial;
            case "device.languages":
                return "hybrid_xml_zpl";
            case "device.host_status":
                if (silentOnHostStatus()) {
                    return null;
                }
                String[] lines = hostStatusLines();
                return lines[0] + CRLF + lines[1] + CRLF + lines[2];
            case "head.latch":
                return headOpen ? "open" : "ok";
            case "zpl.system_status":
                return String.format("%d,%d,00000000,%08X,0,00000000,00000000", bit(paused), errorBits() == 0 ? 0 : 1, errorBits());
            case "zpl.system_error":
                return String.format("%d,00000000,%08X", errorBits() == 0 ? 0 : 1, errorBits());
            case "odometer.total_label_count":
                return settings.counters ? Long.toString(odometer) : "?";
            case "ip.port":
                return Integer.toString(settings.port);
            default:
                return variables.getOrDefault(name, "?");
        }
    }

    /** SGD setvar / do. */
    synchronized void setVar(String name, String value) {
        if (rtc.setVar(name, value)) {
            return;
        }
        switch (name) {
            case "device.pause":
                paused(true);
                break;
            case "device.unpause":
                paused(false);
                break;
            case "device.reset":
                powerCycle();
                break;
            default:
                variables.put(name, value);
        }
    }

    /** The friendly name, also while silent (the discovery responder is a separate service). */
    synchronized String friendlyName() {
        return variables.getOrDefault("device.friendly_name", settings.friendlyName);
    }

    synchronized void recordReply(String reply) {
        if (replies.size() < 10_000) {
            replies.add(reply);
        }
    }

    // ---- observation ----

    synchronized List<PrintedLabel> printed() {
        return List.copyOf(printed);
    }

    synchronized boolean awaitPrinted(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (printed.size() < count) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000;
            if (remaining <= 0) {
                return false;
            }
            wait(remaining);
        }
        return true;
    }

    /** One entry per label that came out, in order. */
    synchronized List<PrintedLabel> labelsOut() {
        return List.copyOf(labelsOut);
    }

    /** Waits until at least {@code count} labels have come out (the counter from its start value); false on timeout. */
    synchronized boolean awaitLabelsOut(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (labelsOut.size() < count) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000;
            if (remaining <= 0) {
                return false;
            }
            wait(remaining);
        }
        return true;
    }

    synchronized int formatsInBuffer() {
        return buffer.size();
    }

    synchronized long odometer() {
        return odometer;
    }

    synchronized int labelsRemaining() {
        return labelsRemaining;
    }

    synchronized byte[] received() {
        return received.toByteArray();
    }

    synchronized List<String> replies() {
        return List.copyOf(replies);
    }

    synchronized Map<String, String> storedFormats() {
        return Map.copyOf(storedFormats);
    }

    synchronized String describe() {
        return "paper-out=" + onOff(paperOut) + " ribbon-out=" + onOff(ribbonOut) + " head-open=" + onOff(headOpen)
                + " paused=" + onOff(paused) + " silent=" + onOff(silent) + " jammed=" + onOff(jammed)
                + " formats-in-buffer=" + buffer.size()
                + " labels-remaining=" + labelsRemaining + " printed-formats=" + printed.size() + " labels=" + odometer
                + (receivedDropped > 0 ? " unrecorded-bytes=" + receivedDropped : "");
    }

    private int defaultLabelLength() {
        return settings.dpi * 6; // a 6-inch label
    }

    private int dotsPerMm() {
        switch (settings.dpi) {
            case 152: return 6;
            case 300: return 12;
            case 600: return 24;
            default: return 8;
        }
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }
}

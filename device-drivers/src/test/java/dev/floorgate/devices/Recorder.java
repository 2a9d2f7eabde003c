package dev.floorgate.devices;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Collects a device's scans, scale readings and events, in the order the driver delivered them, for assertions. */
public final class Recorder implements DeviceEventListener, Consumer<Scan> {

    private final List<Object> items = new CopyOnWriteArrayList<>();
    private final Object signal = new Object();

    @Override
    public void onEvent(DeviceEvent event) {
        add(event);
    }

    @Override
    public void accept(Scan scan) {
        add(scan);
    }

    private void add(Object item) {
        items.add(item);
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** A scale driver's reading listener that records here, in order with the events. */
    public Consumer<ScaleReading> scaleReadings() {
        return this::add;
    }

    public List<ScaleReading> readings() {
        List<ScaleReading> readings = new ArrayList<>();
        for (Object o : items) {
            if (o instanceof ScaleReading) {
                readings.add((ScaleReading) o);
            }
        }
        return readings;
    }

    /** Waits for a reading that passes {@code test}; returns the first such. */
    public ScaleReading awaitReading(Predicate<ScaleReading> test, Duration timeout, String what) throws InterruptedException {
        await(() -> readings().stream().anyMatch(test), timeout, what);
        return readings().stream().filter(test).findFirst().orElseThrow();
    }

    public List<Scan> scans() {
        List<Scan> scans = new ArrayList<>();
        for (Object o : items) {
            if (o instanceof Scan) {
                scans.add((Scan) o);
            }
        }
        return scans;
    }

    public List<DeviceEvent> events() {
        List<DeviceEvent> events = new ArrayList<>();
        for (Object o : items) {
            if (o instanceof DeviceEvent) {
                events.add((DeviceEvent) o);
            }
        }
        return events;
    }

    public List<DeviceEvent> events(DeviceEvent.Kind kind) {
        List<DeviceEvent> events = new ArrayList<>();
        for (DeviceEvent e : events()) {
            if (e.kind() == kind) {
                events.add(e);
            }
        }
        return events;
    }

    /** Scans and event kinds in order, e.g. {@code ["GARBAGE", "scan:]C1:0109501..."]}, for order checks. */
    public List<String> timeline() {
        List<String> line = new ArrayList<>();
        for (Object o : items) {
            if (o instanceof ScaleReading) {
                ScaleReading r = (ScaleReading) o;
                line.add("reading:" + r.state() + (r.weight() == null ? "" : ":" + r.weight().toPlainString() + " " + r.unit().symbol()));
            } else {
                line.add(o instanceof Scan ? "scan:" + ((Scan) o).aimId() + ":" + ((Scan) o).data() : ((DeviceEvent) o).kind().name());
            }
        }
        return line;
    }

    public Scan awaitScan(int count, Duration timeout) throws InterruptedException {
        await(() -> scans().size() >= count, timeout, "scan #" + count);
        return scans().get(count - 1);
    }

    public DeviceEvent awaitEvent(DeviceEvent.Kind kind, Duration timeout) throws InterruptedException {
        return awaitEvent(e -> e.kind() == kind, timeout, kind.name());
    }

    public DeviceEvent awaitEvent(Predicate<DeviceEvent> test, Duration timeout, String what) throws InterruptedException {
        await(() -> events().stream().anyMatch(test), timeout, what);
        return events().stream().filter(test).findFirst().orElseThrow();
    }

    public void await(java.util.function.BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (signal) {
            while (!condition.getAsBoolean()) {
                long remaining = (deadline - System.nanoTime()) / 1_000_000;
                if (remaining <= 0) {
                    throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                            + "; got " + timeline() + " " + events());
                }
                signal.wait(Math.min(remaining, 20));
            }
        }
    }

    public void clear() {
        items.clear();
    }
}

package dev.floorgate.systemtests;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.function.LongSupplier;
import javax.imageio.ImageIO;

/**
 * Samples a service process once a second while a soak runs: its resident memory and open files from /proc, a
 * queue depth the test reads, and the p99 of the request times collected since the last sample. Writes them as CSV
 * and as a PNG of four stacked panels with the faults marked, so a trend (a leak, a backlog that never drains) is
 * seen at a glance.
 */
final class SoakRecorder implements AutoCloseable {
    /** One second of the soak. */
    record Sample(double seconds, long rssKb, long openFiles, long queueDepth, long p99Millis, String fault) {
    }

    private final long pid;
    private final LongSupplier queueDepth;
    private final Queue<Long> requestMillis;
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final long start = System.nanoTime();
    private final Thread thread;
    private volatile String fault = "";
    private volatile boolean running = true;

    SoakRecorder(long pid, LongSupplier queueDepth, Queue<Long> requestMillis) {
        this.pid = pid;
        this.queueDepth = queueDepth;
        this.requestMillis = requestMillis;
        this.thread = new Thread(this::loop, "soak-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Names the fault in force from now on ("" for none), for the graph's shading. */
    void fault(String name) {
        fault = name;
    }

    List<Sample> samples() {
        synchronized (samples) {
            return new ArrayList<>(samples);
        }
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(1000);
                List<Long> times = new ArrayList<>();
                for (Long t; (t = requestMillis.poll()) != null; ) {
                    times.add(t);
                }
                Collections.sort(times);
                long p99 = times.isEmpty() ? 0 : times.get(Math.min(times.size() - 1, (int) (times.size() * 0.99)));
                long depth;
                try {
                    depth = queueDepth.getAsLong();
                } catch (RuntimeException e) {
                    depth = -1;
                }
                samples.add(new Sample((System.nanoTime() - start) / 1e9, rssKb(), openFiles(), depth, p99, fault));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private long rssKb() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private long openFiles() {
        String[] fds = Paths.get("/proc/" + pid + "/fd").toFile().list();
        return fds == null ? -1 : fds.length;
    }

    void writeCsv(Path file) throws IOException {
        StringBuilder b = new StringBuilder("seconds,rss_kb,open_files,unsynced,p99_ms,fault\n");
        for (Sample s : samples()) {
            b.append(String.format(java.util.Locale.ROOT, "%.1f,%d,%d,%d,%d,%s%n", s.seconds(), s.rssKb(),
                    s.openFiles(), s.queueDepth(), s.p99Millis(), s.fault().replace(',', ';')));
        }
        Files.createDirectories(file.getParent());
        Files.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
    }

    void writePng(Path file, String title) throws IOException {
        List<Sample> all = samples();
        int w = 1200;
        int panelH = 170;
        int top = 40;
        int left = 90;
        int h = top + 4 * panelH + 30;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, 24);
        double maxT = all.isEmpty() ? 1 : Math.max(1, all.get(all.size() - 1).seconds());
        String[] names = {"RSS (MB)", "open files", "unsynced ops", "p99 to 202 (ms)"};
        for (int p = 0; p < 4; p++) {
            int y0 = top + p * panelH;
            int plotH = panelH - 30;
            double max = 1;
            for (Sample s : all) {
                max = Math.max(max, value(s, p));
            }
            max *= 1.1;
            g.setColor(new Color(255, 228, 225)); // faults shaded
            for (int i = 0; i < all.size(); i++) { // each fault second from the sample before it to its own
                if (!all.get(i).fault().isEmpty()) {
                    double from = i == 0 ? 0 : all.get(i - 1).seconds();
                    int x0 = left + (int) ((w - left - 20) * from / maxT);
                    int x1 = left + (int) ((w - left - 20) * all.get(i).seconds() / maxT);
                    g.fillRect(x0, y0, Math.max(1, x1 - x0), plotH);
                }
            }
            g.setColor(Color.GRAY);
            g.drawRect(left, y0, w - left - 20, plotH);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(Color.BLACK);
            g.drawString(names[p], 8, y0 + 14);
            g.drawString(String.format(java.util.Locale.ROOT, "%.0f", max), 8, y0 + 30);
            g.drawString("0", 8, y0 + plotH);
            g.setColor(new Color(31, 90, 160));
            g.setStroke(new BasicStroke(1.6f));
            int px = -1;
            int py = -1;
            for (Sample s : all) {
                double v = value(s, p);
                if (v < 0) {
                    continue;
                }
                int x = left + (int) ((w - left - 20) * s.seconds() / maxT);
                int y = y0 + plotH - (int) (plotH * v / max);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
        }
        g.setColor(Color.BLACK);
        g.drawString(String.format(java.util.Locale.ROOT, "seconds (0 - %.0f); shaded: a WAN fault in force", maxT),
                left, h - 10);
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    private static double value(Sample s, int panel) {
        switch (panel) {
            case 0:
                return s.rssKb() < 0 ? -1 : s.rssKb() / 1024.0;
            case 1:
                return s.openFiles();
            case 2:
                return s.queueDepth();
            default:
                return s.p99Millis();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
    }
}

package dev.floorgate.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * RSS samples of one or more gateway jars over a soak, written as a CSV (label, seconds, rss_kb, heap_kb,
 * threads) and drawn as a PNG line chart (headless AWT, one line per jar, a dashed line at the goal).
 */
final class RssChart {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e)};
    private final Map<String, List<long[]>> series = new LinkedHashMap<>();

    /** Adds a sample for {@code label}: seconds since the soak started, RSS, heap used (both kB), thread count. */
    synchronized void add(String label, long seconds, long rssKb, long heapKb, long threads) {
        series.computeIfAbsent(label, k -> new ArrayList<>()).add(new long[] {seconds, rssKb, heapKb, threads});
    }

    synchronized void writeCsv(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("label,seconds,rss_kb,heap_kb,threads\n");
            for (Map.Entry<String, List<long[]>> e : series.entrySet()) {
                for (long[] s : e.getValue()) {
                    w.write(String.format(Locale.ROOT, "%s,%d,%d,%d,%d%n", e.getKey(), s[0], s[1], s[2], s[3]));
                }
            }
        }
    }

    /** Draws RSS (MB) over minutes, one line per label, with {@code goalMb} as a dashed line. */
    synchronized void writePng(Path file, String title, long goalMb) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int width = 900;
        int height = 500;
        int left = 70;
        int right = 20;
        int top = 40;
        int bottom = 50;
        double maxSeconds = 60;
        double maxMb = goalMb * 1.2;
        for (List<long[]> s : series.values()) {
            for (long[] p : s) {
                maxSeconds = Math.max(maxSeconds, p[0]);
                maxMb = Math.max(maxMb, p[1] / 1024.0 * 1.1);
            }
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int plotW = width - left - right;
            int plotH = height - top - bottom;
            g.setColor(new Color(0xdddddd));
            for (int i = 0; i <= 5; i++) {
                int y = top + plotH - i * plotH / 5;
                g.drawLine(left, y, left + plotW, y);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%.0f MB", maxMb * i / 5), 8, y + 4);
                g.setColor(new Color(0xdddddd));
            }
            g.setColor(Color.DARK_GRAY);
            for (int i = 0; i <= 6; i++) {
                int x = left + i * plotW / 6;
                g.drawString(String.format(Locale.ROOT, "%.1f min", maxSeconds * i / 6 / 60), x - 18,
                        top + plotH + 18);
            }
            g.drawRect(left, top, plotW, plotH);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, left, 24);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            int goalY = top + plotH - (int) (goalMb / maxMb * plotH);
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 6f},
                    0f));
            g.drawLine(left, goalY, left + plotW, goalY);
            g.drawString("goal " + goalMb + " MB", left + plotW - 90, goalY - 4);
            g.setStroke(new BasicStroke(2f));
            int n = 0;
            for (Map.Entry<String, List<long[]>> e : series.entrySet()) {
                g.setColor(COLORS[n % COLORS.length]);
                int px = -1;
                int py = -1;
                for (long[] p : e.getValue()) {
                    int x = left + (int) (p[0] / maxSeconds * plotW);
                    int y = top + plotH - (int) (p[1] / 1024.0 / maxMb * plotH);
                    if (px >= 0) {
                        g.drawLine(px, py, x, y);
                    }
                    px = x;
                    py = y;
                }
                g.fillRect(left + 10, top + 10 + n * 18, 12, 12);
                g.drawString(e.getKey(), left + 28, top + 21 + n * 18);
                n++;
            }
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
    }
}

package dev.floorgate.templates.internal;

import dev.floorgate.templates.DrawnField;
import dev.floorgate.templates.PreviewOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renders the first label format of a ZPL text to a 1-bit PNG: checks the bounds, lexes, finds the format and
 * its size, runs the {@link FormatInterpreter}, encodes. Stateless and thread-safe; each call draws on its own
 * image. AWT is forced headless (before the first image is made) because the gateway runs without a display.
 */
public final class PreviewRenderer {
    /** Resolutions a Zebra head has (PROTOCOLS.md 1.3), with the exact dots per inch used for sizes. */
    private static final int[] DPIS = {152, 203, 300, 600};
    private static final double[] DOTS_PER_INCH = {152.4, 203.2, 304.8, 609.6};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** What a render produced, before the public result is made of it. */
    public static final class Output {
        public final byte[] png;
        public final List<String> warnings;
        public final int width;
        public final int height;
        public final int labelCount;
        public final List<DrawnField> drawn;

        Output(byte[] png, List<String> warnings, int width, int height, int labelCount, List<DrawnField> drawn) {
            this.png = png;
            this.warnings = warnings;
            this.width = width;
            this.height = height;
            this.labelCount = labelCount;
            this.drawn = drawn;
        }
    }

    private PreviewRenderer() {
    }

    /** Exact dots per inch for a head resolution; IllegalArgumentException for anything but 152/203/300/600. */
    public static double dotsPerInch(int dpi) {
        for (int i = 0; i < DPIS.length; i++) {
            if (DPIS[i] == dpi) {
                return DOTS_PER_INCH[i];
            }
        }
        throw new IllegalArgumentException("dpi " + dpi + " is not a Zebra head resolution (152, 203, 300 or 600)");
    }

    /**
     * @param widthDots  canvas width, or 0 to take {@code ^PW} (else 4 in)
     * @param heightDots canvas height, or 0 to take {@code ^LL} (else 6 in)
     */
    public static Output render(String zpl, int dpi, int widthDots, int heightDots, PreviewOptions options) {
        if (zpl == null) {
            throw new IllegalArgumentException("ZPL to preview is null");
        }
        if (options == null) {
            throw new IllegalArgumentException("preview options are null");
        }
        if (zpl.length() > options.maxInputChars()) {
            throw new IllegalArgumentException("ZPL of " + zpl.length() + " characters exceeds maxInputChars "
                    + options.maxInputChars());
        }
        double perInch = dotsPerInch(dpi);
        int maxWidth = (int) Math.floor(options.maxWidthInches() * perInch);
        int maxHeight = (int) Math.floor(options.maxHeightInches() * perInch);
        if (widthDots < 0 || heightDots < 0 || widthDots > maxWidth || heightDots > maxHeight) {
            throw new IllegalArgumentException("label size " + widthDots + " x " + heightDots + " dots is outside "
                    + "1.." + maxWidth + " x 1.." + maxHeight + " (" + options.maxWidthInches() + " x "
                    + options.maxHeightInches() + " in at " + dpi + " dpi)");
        }
        PreviewWarnings warnings = new PreviewWarnings(options.maxWarnings());
        List<ZplCommand> commands = ZplLexer.lex(zpl);

        // Format ranges [start, end); formats holding ^DF are stored, not printed, and ~DG graphics anywhere in the
        // input are downloaded: both can be recalled by the format that prints.
        StoredObjects stored = new StoredObjects();
        List<int[]> formats = new ArrayList<>();
        int openAt = -1;
        for (int i = 0; i < commands.size(); i++) {
            ZplCommand c = commands.get(i);
            if (c.kind() == ZplCommand.CONTROL && c.code().equals("DG")) {
                stored.downloadGraphic(c);
            } else if (c.is("XA")) {
                if (openAt >= 0) {
                    warnings.add("^XA inside an open label format; the printer starts over");
                }
                openAt = i;
            } else if (c.is("XZ") && openAt >= 0) {
                formats.add(new int[] {openAt, i + 1});
                openAt = -1;
            }
        }
        if (openAt >= 0) {
            formats.add(new int[] {openAt, commands.size()});
            warnings.add("label format not closed by ^XZ");
        }
        int labels = formats.size();
        int first = -1;
        int firstEnd = commands.size();
        for (int[] f : formats) {
            if (StoredObjects.isStoredFormat(commands, f[0], f[1])) {
                stored.storeFormat(commands, f[0], f[1]);
            } else if (first < 0) {
                first = f[0];
                firstEnd = f[1];
            }
        }
        List<ZplCommand> printed = commands;
        Map<Integer, ZplCommand[]> fieldData = new HashMap<>();
        if (first < 0 && !formats.isEmpty()) {
            // Only stored formats: show the first as it would print when recalled with its own field data.
            first = formats.get(0)[0];
            firstEnd = formats.get(0)[1];
            warnings.add("only stored formats (^DF) in this input; the first is previewed as stored");
        } else if (first >= 0) {
            printed = MeasurementUnits.toDots(stored.expand(commands, first, firstEnd, fieldData, warnings), dpi,
                    warnings);
            first = 0;
            firstEnd = printed.size();
        }
        if (first < 0) {
            warnings.add("no ^XA label format found; nothing to draw");
        } else if (formats.get(0)[0] > 0 && hasFormatCommandBefore(commands, formats.get(0)[0])) {
            warnings.add("commands before the first ^XA ignored");
        }

        int printWidth = 0;
        int labelLength = 0;
        boolean inverted = false;
        if (first >= 0) {
            for (int i = first; i < firstEnd; i++) {
                ZplCommand c = printed.get(i);
                if (c.is("PW")) {
                    printWidth = Params.of(c, warnings).integer(0, 0, 2, 32000);
                } else if (c.is("LL")) {
                    labelLength = Params.of(c, warnings).integer(0, 0, 1, 32000);
                } else if (c.is("PO")) {
                    // ^POI prints the whole label upside down; ^PON (normal) undoes it.
                    inverted = Params.of(c, warnings).letter(0, 'N') == 'I';
                }
            }
        }
        int width = widthDots > 0 ? widthDots : printWidth > 0 ? printWidth : (int) Math.floor(4 * perInch);
        int height = heightDots > 0 ? heightDots : labelLength > 0 ? labelLength : (int) Math.floor(6 * perInch);
        if (width > maxWidth || height > maxHeight) {
            warnings.add("label of " + width + " x " + height + " dots clipped to " + Math.min(width, maxWidth)
                    + " x " + Math.min(height, maxHeight));
            width = Math.min(width, maxWidth);
            height = Math.min(height, maxHeight);
        }
        int clipWidth = printWidth > 0 && printWidth < width ? printWidth : width;

        LabelCanvas canvas = new LabelCanvas(width, height, clipWidth);
        FormatInterpreter interpreter = new FormatInterpreter(canvas, warnings, dpi, options.maxFields(), stored,
                fieldData);
        if (first >= 0) {
            interpreter.run(printed, first, firstEnd);
        }
        BufferedImage image = canvas.finish();
        List<DrawnField> drawn = interpreter.drawn();
        if (inverted) {
            image = rotated180(image);
            List<DrawnField> turned = new ArrayList<>(drawn.size());
            for (DrawnField f : drawn) {
                turned.add(new DrawnField(f.kind(), f.x(), f.y(), f.data(), width - f.left() - f.width(),
                        height - f.top() - f.height(), f.width(), f.height()));
            }
            drawn = turned;
        }
        return new Output(png(image), warnings.list(), width, height, labels, drawn);
    }

    private static BufferedImage rotated180(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        java.awt.Graphics2D g = out.createGraphics();
        g.drawImage(image, new java.awt.geom.AffineTransform(-1, 0, 0, -1, image.getWidth(), image.getHeight()), null);
        g.dispose();
        return out;
    }

    private static boolean hasFormatCommandBefore(List<ZplCommand> commands, int first) {
        for (int i = 0; i < first; i++) {
            if (commands.get(i).kind() == ZplCommand.FORMAT) {
                return true;
            }
        }
        return false;
    }

    /** PNG in memory; the memory-cached stream keeps ImageIO from spilling to temporary files. */
    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no PNG writer in this Java runtime");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding into memory failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}

package dev.floorgate.core.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * A photo's thumbnail: decoded with the JDK's ImageIO (subsampled, see {@link #MAX_PIXELS}), turned upright by its EXIF orientation (the thumbnail carries
 * no EXIF, so a viewer could not), scaled so its longer side is at most the configured size, written as a JPEG at
 * quality 0.8. Decoding is also the check that an upload is an image at all.
 */
final class Thumbnails {
    private Thumbnails() {
    }

    /** The thumbnail, and the photo's upright size. */
    record Thumbnail(byte[] jpeg, int width, int height) {
    }

    /**
     * The most pixels a photo may have (100 MP; phone cameras give 12-50). The frame header is read first and the
     * image decoded subsampled near the thumbnail's size, so a small file declaring a huge frame (a decompression
     * bomb) is refused and a large photo never needs its full raster in memory.
     */
    static final long MAX_PIXELS = 100_000_000L;

    /** @throws IllegalArgumentException when the bytes do not decode as an image, or have too many pixels */
    static Thumbnail of(byte[] jpeg, int orientation, int maxSide) {
        BufferedImage image;
        int fullWidth;
        int fullHeight;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException("the photo does not decode as an image (" + jpeg.length
                        + " bytes)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                fullWidth = reader.getWidth(0);
                fullHeight = reader.getHeight(0);
                if ((long) fullWidth * fullHeight > MAX_PIXELS) {
                    throw new IllegalArgumentException("the photo is " + fullWidth + "x" + fullHeight + " pixels, "
                            + "more than " + MAX_PIXELS);
                }
                // decode at about twice the thumbnail's size, then scale smoothly the rest of the way
                int step = Math.max(1, Math.max(fullWidth, fullHeight) / (2 * maxSide));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                image = reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException("the photo does not decode as a JPEG (" + jpeg.length + " bytes): "
                    + e.getMessage(), e);
        }
        boolean turned = orientation >= 5; // 5..8 swap width and height
        int w = turned ? fullHeight : fullWidth;
        int h = turned ? fullWidth : fullHeight;
        double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        // the decoded raster may be subsampled: scale from its size, not the full one
        double drawScale = (double) Math.max(tw, th) / Math.max(image.getWidth(), image.getHeight());
        BufferedImage thumb = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.scale(drawScale, drawScale);
            g.transform(upright(orientation, image.getWidth(), image.getHeight()));
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return new Thumbnail(writeJpeg(thumb, 0.8f), w, h);
    }

    /** The transform that draws a stored image upright (EXIF orientation 1..8, TIFF 6.0 / EXIF 2.3 tag 0x0112). */
    static AffineTransform upright(int orientation, int w, int h) {
        switch (orientation) {
            case 2: return new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3: return new AffineTransform(-1, 0, 0, -1, w, h);
            case 4: return new AffineTransform(1, 0, 0, -1, 0, h);
            case 5: return new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6: return new AffineTransform(0, 1, -1, 0, h, 0);
            case 7: return new AffineTransform(0, -1, -1, 0, h, w);
            case 8: return new AffineTransform(0, -1, 1, 0, 0, w);
            default: return new AffineTransform();
        }
    }

    private static byte[] writeJpeg(BufferedImage image, float quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this JDK has no JPEG writer (javax.imageio)");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("writing a " + image.getWidth() + "x" + image.getHeight()
                    + " thumbnail to memory failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}

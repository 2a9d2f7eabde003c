package dev.floorgate.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * JPEGs that stand in for a camera's photos in photo tests and the photo upload benchmark: seeded noise over a
 * gradient, so they compress about as badly as a real photo (1840 x 1380 is about 1 MB), and the same seed
 * always gives the same bytes.
 */
public final class CameraJpegs {
    private CameraJpegs() {
    }

    /** A {@code width} x {@code height} JPEG of noise over a gradient, the same bytes for the same seed. */
    public static byte[] noisyGradient(int width, int height, long seed) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int base = (x * 255 / width) << 16 | (y * 255 / height) << 8;
                img.setRGB(x, y, base ^ r.nextInt(1 << 24) & 0x7F7F7F);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "jpg", out)) {
            throw new IOException("this JDK's ImageIO has no JPEG writer");
        }
        return out.toByteArray();
    }
}

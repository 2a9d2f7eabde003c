package dev.floorgate.pda.app;

import static dev.floorgate.pda.app.AppTesting.jpeg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import android.content.Context;
import android.media.ExifInterface;
import dev.floorgate.pda.app.internal.PhotoCapture;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import javax.imageio.ImageIO;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;
import org.robolectric.annotation.GraphicsMode;

/**
 * A camera photo over the gateway's 8 MiB limit is made to fit with the framework's own BitmapFactory and
 * Bitmap.compress (Robolectric's native graphics: the real Skia decoder and encoder, not a stand-in): longest side at
 * most 2048 px, JPEG quality 85, upright by its EXIF orientation, and a JPEG that another decoder (the JDK's) reads.
 */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = 35)
@GraphicsMode(GraphicsMode.Mode.NATIVE)
public class PhotoDownscaleTest {
    private final Context context = RuntimeEnvironment.getApplication();

    private File kept(byte[] jpeg) throws IOException {
        File f = PhotoCapture.keptFile(PhotoFileProvider.folder(context), "P-BIG", "label");
        Files.write(f.toPath(), jpeg);
        return f;
    }

    @Test
    public void aHugePhotoIsDownscaledBelowTheLimitAndIsStillAValidJpeg() throws Exception {
        byte[] huge = jpeg(4500, 3000, 9, true, 0.9f); // noise: about 12 MB, as a 13.5-megapixel camera's worst case
        assertThat((long) huge.length).as("test photo size").isGreaterThan(PhotoCapture.MAX_PHOTO_BYTES);
        File f = kept(huge);

        byte[] sent = PhotoCapture.bytesForGateway(f);

        assertThat((long) sent.length).isLessThanOrEqualTo(PhotoCapture.MAX_PHOTO_BYTES).isGreaterThan(100_000L);
        assertThat(sent[0] & 0xff).isEqualTo(0xff);
        assertThat(sent[1] & 0xff).isEqualTo(0xd8); // SOI, as the gateway checks
        assertThat(sent[sent.length - 2] & 0xff).isEqualTo(0xff);
        assertThat(sent[sent.length - 1] & 0xff).isEqualTo(0xd9); // EOI
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(sent));
        assertThat(img).as("the JDK decodes the downscaled photo").isNotNull();
        assertThat(img.getWidth()).isEqualTo(2048);
        assertThat(img.getHeight()).isBetween(1364, 1366); // 3:2 kept
        // a Retry sends the same, already small bytes
        assertThat(f).hasBinaryContent(sent);
        assertThat(PhotoCapture.bytesForGateway(f)).isEqualTo(sent);
    }

    @Test
    public void aHugePhotoTakenSidewaysComesOutUpright() throws Exception {
        File f = kept(jpeg(4500, 3000, 10, true, 0.9f));
        ExifInterface exif = new ExifInterface(f.getPath());
        exif.setAttribute(ExifInterface.TAG_ORIENTATION, Integer.toString(ExifInterface.ORIENTATION_ROTATE_90));
        exif.saveAttributes();

        BufferedImage img = ImageIO.read(new ByteArrayInputStream(PhotoCapture.bytesForGateway(f)));
        assertThat(img.getHeight()).isEqualTo(2048);
        assertThat(img.getWidth()).isBetween(1364, 1366);
    }

    @Test
    public void aPhotoWithinTheLimitIsSentAsTheCameraWroteIt() throws Exception {
        byte[] small = jpeg(1600, 1200, 11, false, 0.9f);
        assertThat(PhotoCapture.bytesForGateway(kept(small))).isEqualTo(small);
    }

    @Test
    public void anEmptyOrUnreadableFileIsRefusedWithItsName() throws Exception {
        File empty = kept(new byte[0]);
        assertThatThrownBy(() -> PhotoCapture.bytesForGateway(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("the camera app saved no photo").hasMessageContaining(empty.getName());
        byte[] junk = new byte[9 << 20];
        junk[0] = 0x42;
        File notAnImage = kept(junk);
        assertThatThrownBy(() -> PhotoCapture.bytesForGateway(notAnImage)).isInstanceOf(IOException.class)
                .hasMessageContaining("is no image this PDA can read").hasMessageContaining("9437184 bytes");
    }
}

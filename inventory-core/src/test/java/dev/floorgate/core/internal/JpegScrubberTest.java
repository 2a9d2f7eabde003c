package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The location scrub of parcel photos (JpegScrubber) and the thumbnail (Thumbnails), on JPEGs made here. */
class JpegScrubberTest {
    @Test
    void gpsAndXmpAreRemovedTheOrientationIsKeptAndTheImageStillDecodes() {
        byte[] original = TestJpegs.withGps(640, 480, 1, 6);
        assertThat(TestJpegs.contains(original, TestJpegs.GPS_LATITUDE)).isTrue(); // the fixture has them
        assertThat(new String(original, StandardCharsets.ISO_8859_1)).contains(TestJpegs.XMP_GPS);

        JpegScrubber.Result r = JpegScrubber.scrub(original);

        assertThat(r.orientation()).isEqualTo(6);
        assertThat(TestJpegs.contains(r.jpeg(), TestJpegs.GPS_LATITUDE)).isFalse();
        assertThat(new String(r.jpeg(), StandardCharsets.ISO_8859_1)).doesNotContain("GPSLatitude")
                .doesNotContain("ns.adobe.com");
        List<byte[]> app1 = TestJpegs.app1Segments(r.jpeg());
        assertThat(app1).hasSize(1); // the new EXIF only
        assertThat(JpegScrubber.orientation(app1.get(0), 0, app1.get(0).length)).isEqualTo(6);
        assertThat(app1.get(0)).hasSize(32); // IFD0 holds the orientation and nothing else: no GPS pointer
        BufferedImage before = TestJpegs.decode(original);
        BufferedImage after = TestJpegs.decode(r.jpeg());
        assertThat(after.getWidth()).isEqualTo(640);
        assertThat(after.getHeight()).isEqualTo(480);
        assertThat(after.getRGB(320, 240)).isEqualTo(before.getRGB(320, 240)); // same image data, byte for byte
    }

    @Test
    void aPhotoWithoutExifKeepsEveryByteAndIsUpright() {
        byte[] plain = TestJpegs.plain(200, 100, 2);
        JpegScrubber.Result r = JpegScrubber.scrub(plain);
        assertThat(r.orientation()).isEqualTo(1);
        assertThat(r.jpeg()).isEqualTo(plain);
    }

    @Test
    void bytesThatAreNotAJpegAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> JpegScrubber.scrub("not a photo".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JPEG");
        byte[] cut = Arrays.copyOf(TestJpegs.withGps(64, 64, 3, 1), 30);
        assertThatThrownBy(() -> JpegScrubber.scrub(cut)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("past the end");
    }

    @Test
    void theThumbnailIsUprightBoundedAndAJpeg() {
        byte[] scrubbed = JpegScrubber.scrub(TestJpegs.withGps(640, 480, 4, 6)).jpeg();
        Thumbnails.Thumbnail t = Thumbnails.of(scrubbed, 6, 160);
        BufferedImage img = TestJpegs.decode(t.jpeg());
        // orientation 6 = turned 90 degrees: the upright photo is 480 wide and 640 high
        assertThat(t.width()).isEqualTo(480);
        assertThat(t.height()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(160);
        assertThat(img.getWidth()).isEqualTo(120);
        assertThat(t.jpeg().length).isLessThan(scrubbed.length);
    }

    @Test
    void aSmallFileDeclaringAHugeFrameIsRefusedBeforeItIsDecoded() {
        byte[] jpeg = TestJpegs.plain(64, 48, 5);
        int sof = -1;
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                sof = i;
                break;
            }
        }
        assertThat(sof).as("the SOF0 segment").isPositive();
        // FF C0, length (2), precision (1), height (2), width (2): declare 60000 x 60000 (3.6 gigapixels)
        jpeg[sof + 5] = (byte) (60000 >> 8);
        jpeg[sof + 6] = (byte) (60000 & 0xFF);
        jpeg[sof + 7] = (byte) (60000 >> 8);
        jpeg[sof + 8] = (byte) (60000 & 0xFF);
        assertThatThrownBy(() -> Thumbnails.of(jpeg, 1, 160)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("60000x60000 pixels, more than 100000000");
    }
}

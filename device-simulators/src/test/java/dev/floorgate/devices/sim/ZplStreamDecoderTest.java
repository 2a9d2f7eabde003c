package dev.floorgate.devices.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulator's reading of a raw-port stream, as bytes in and commands out. */
class ZplStreamDecoderTest {

    private static List<String> decode(int maxFormat, String... chunks) {
        EmbeddedChannel channel = new EmbeddedChannel(new ZplStreamDecoder(maxFormat));
        for (String chunk : chunks) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk.getBytes(StandardCharsets.ISO_8859_1)));
        }
        List<String> out = new ArrayList<>();
        ZplCommand c;
        while ((c = channel.readInbound()) != null) {
            out.add(c.kind + ":" + c.text);
        }
        channel.finishAndReleaseAll();
        return out;
    }

    private static List<String> decode(String... chunks) {
        return decode(1 << 20, chunks);
    }

    @Test
    void formatsAndControlCommandsInOneStream() {
        assertThat(decode("^XA^FDone^FS^XZ\r\n~HS^XA^FDtwo^FS^XZ~HQES~HI"))
                .containsExactly("FORMAT:^XA^FDone^FS^XZ", "TILDE:HS", "FORMAT:^XA^FDtwo^FS^XZ", "TILDE:HQES", "TILDE:HI");
    }

    @Test
    void controlCommandInsideAFormatIsActedOnAtOnceAndTakenOut() {
        assertThat(decode("^XA^FO10,10^FDa~HSb^FS^XZ")).containsExactly("TILDE:HS", "FORMAT:^XA^FO10,10^FDab^FS^XZ");
    }

    @Test
    void stxEtxAndSiAreAliases() {
        assertThat(decode("\u0002^FDx\u000f\u0003")).containsExactly("FORMAT:^XA^FDx^FS^XZ");
    }

    @Test
    void lowerCaseCommandsAreAccepted() {
        assertThat(decode("^xa^FDy^FS^xz~hs")).containsExactly("FORMAT:^XA^FDy^FS^XZ", "TILDE:HS");
    }

    @Test
    void commandsSplitAcrossReadsAreReassembled() {
        assertThat(decode("^", "X", "A^FDz^FS^", "X", "Z~", "H", "QE", "S! U1 get", "var \"appl.name\"\r", "\n"))
                .containsExactly("FORMAT:^XA^FDz^FS^XZ", "TILDE:HQES", "SGD:! U1 getvar \"appl.name\"");
    }

    @Test
    void sgdLinesBetweenFormats() {
        assertThat(decode("! U1 setvar \"device.friendly_name\" \"pack 3\"\r\n^XA^XZ"))
                .containsExactly("SGD:! U1 setvar \"device.friendly_name\" \"pack 3\"", "FORMAT:^XA^XZ");
    }

    @Test
    void oversizeFormatIsDroppedAndTheNextOneIsRead() {
        assertThat(decode(64, "^XA^FD" + "A".repeat(200) + "^FS^XZ", "^XA^FDok^FS^XZ")).containsExactly("FORMAT:^XA^FDok^FS^XZ");
    }

    @Test
    void sgdBatchAndCommandsParse() {
        List<SgdLine.Command> commands = SgdLine.parse("! U getvar \"a\" setvar \"b\" \"c d\" do \"device.reset\" \"\" END");
        assertThat(commands).extracting(c -> c.verb + " " + c.name + "=" + c.value)
                .containsExactly("getvar a=", "setvar b=c d", "do device.reset=");
        assertThat(SgdLine.parse("hello")).isEmpty();
    }
}

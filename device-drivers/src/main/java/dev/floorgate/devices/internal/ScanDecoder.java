package dev.floorgate.devices.internal;

import dev.floorgate.barcodes.AimSymbology;
import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.Scan;
import dev.floorgate.devices.ScannerOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Turns one frame into a {@link Scan}: removes the configured prefix, rejects garbage, recognises the no-read
 * string, and splits off the AIM symbology id ({@code ]C1}, PROTOCOLS.md 6.2).
 *
 * <p>Garbage is any control byte other than GS (0x1D), RS (0x1E) and EOT (0x04), which GS1 and ISO 15434 data
 * carry, or bytes that are not valid in the configured charset: the frame is dropped with a GARBAGE event naming
 * the scanner and the bytes (hex, bounded), and reading goes on.
 */
final class ScanDecoder extends MessageToMessageDecoder<ByteBuf> {

    private static final int HEX_LIMIT = 48;

    private final String scanner;
    private final byte[] prefix;
    private final String noRead;
    private final Charset charset;
    private final DeviceEventSink events;

    ScanDecoder(String scanner, ScannerOptions options, DeviceEventSink events) {
        this.scanner = scanner;
        this.prefix = options.prefix().getBytes(options.charset());
        this.noRead = options.noReadString();
        this.charset = options.charset();
        this.events = events;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        byte[] raw = ByteBufUtil.getBytes(frame);
        int start = startsWith(raw, prefix) ? prefix.length : 0;
        int bad = firstControlByte(raw, start);
        if (bad >= 0) {
            events.emit(DeviceEvent.Kind.GARBAGE, "scanner '" + scanner + "' sent a frame of " + raw.length
                    + " bytes with non-printable byte 0x" + Hex.dump(raw, bad, 1, 1) + " at offset " + bad
                    + "; dropped: " + Hex.dump(raw, HEX_LIMIT));
            return;
        }
        String text;
        try {
            text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, start, raw.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            events.emit(DeviceEvent.Kind.GARBAGE, "scanner '" + scanner + "' sent a frame of " + raw.length
                    + " bytes that is not valid " + charset.name() + "; dropped: " + Hex.dump(raw, HEX_LIMIT));
            return;
        }
        if (!noRead.isEmpty() && text.equals(noRead)) {
            events.emit(DeviceEvent.Kind.NO_READ, "scanner '" + scanner + "' reported a no-read ('" + noRead + "')");
            return;
        }
        AimSymbology aim = AimSymbology.parsePrefix(text);
        String data = aim == null ? text : text.substring(3);
        if (data.isEmpty()) {
            events.emit(DeviceEvent.Kind.NO_READ, "scanner '" + scanner + "' sent an empty read"
                    + (aim == null ? "" : " with AIM id " + aim.id()));
            return;
        }
        out.add(new Scan(scanner, data, aim == null ? null : aim.id(), raw, Instant.now()));
    }

    /** The offset of the first byte that is neither printable nor GS, RS or EOT; -1 when there is none. */
    static int firstControlByte(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if ((b < 0x20 && b != 0x1d && b != 0x1e && b != 0x04) || b == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (prefix.length == 0 || bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static String ascii(ByteBuf frame) {
        return frame.toString(frame.readerIndex(), frame.readableBytes(), StandardCharsets.ISO_8859_1);
    }
}

package dev.floorgate.devices.sim;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits what a printer receives on its raw port into {@link ZplCommand}s, as a printer reads it
 * (PROTOCOLS.md 1.1): formats {@code ^XA ... ^XZ} (STX/ETX/SI accepted as aliases of {@code ^XA}/{@code ^XZ}/
 * {@code ^FS}, commands case-insensitive), control commands {@code ~XX} (acted on at once, even in the middle of a
 * format, so they are taken out of it), and SGD lines {@code ! U1 ...} CR LF outside formats. Anything else
 * between formats is skipped.
 *
 * <p>Bounded: a format longer than {@code maxFormatBytes} is dropped (its bytes discarded up to its {@code ^XZ}),
 * and an SGD line longer than {@value #MAX_SGD_LINE} bytes is skipped.
 *
 * <p>Not a twin of print-templates' {@code ZplLexer}: this frames a byte stream from a socket (reads end
 * anywhere, mid-command; {@code ~} commands act at once, mid-format; SGD lines are not ZPL; memory is bounded),
 * while the lexer splits one complete format held in memory into commands. What a finished format says is read
 * with that lexer ({@code ZplFieldData} in {@link PrintedLabel}).
 */
final class ZplStreamDecoder extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(ZplStreamDecoder.class);
    static final int MAX_SGD_LINE = 4096;
    private static final byte STX = 0x02;
    private static final byte ETX = 0x03;
    private static final byte SI = 0x0f;

    private static final ByteProcessor FORMAT_SPECIAL = b -> b != '^' && b != '~' && b != ETX && b != SI;

    private final int maxFormatBytes;
    /** The format being received, or null between formats. */
    private ByteArrayOutputStream format;
    private boolean discarding;
    private long discarded;

    ZplStreamDecoder(int maxFormatBytes) {
        this.maxFormatBytes = maxFormatBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            boolean progress = format == null ? outside(in, out) : inside(in, out);
            if (!progress) {
                return; // a command is split across reads: wait for more bytes
            }
        }
    }

    private boolean outside(ByteBuf in, List<Object> out) {
        byte b = in.getByte(in.readerIndex());
        switch (b) {
            case STX:
                in.skipBytes(1);
                startFormat();
                return true;
            case '^':
                if (in.readableBytes() < 3) {
                    return false;
                }
                if (isCommand(in, in.readerIndex() + 1, "XA")) {
                    in.skipBytes(3);
                    startFormat();
                } else {
                    in.skipBytes(1);
                }
                return true;
            case '~':
                return tilde(in, out);
            case '!':
                return sgd(in, out);
            default:
                in.skipBytes(1); // whitespace, or stray bytes between formats
                return true;
        }
    }

    private boolean inside(ByteBuf in, List<Object> out) {
        int special = in.forEachByte(FORMAT_SPECIAL);
        if (special < 0) {
            append(in, in.readableBytes());
            return true;
        }
        append(in, special - in.readerIndex());
        byte b = in.getByte(special);
        switch (b) {
            case ETX:
                in.skipBytes(1);
                endFormat(out);
                return true;
            case SI:
                in.skipBytes(1);
                appendText("^FS");
                return true;
            case '~':
                return tilde(in, out);
            default: // '^'
                if (in.readableBytes() < 3) {
                    return false;
                }
                if (isCommand(in, in.readerIndex() + 1, "XZ")) {
                    in.skipBytes(3);
                    endFormat(out);
                } else {
                    append(in, 1);
                }
                return true;
        }
    }

    /** {@code ~XX}; {@code ~HQxx} has a two-letter query type, {@code ~CCx}/{@code ~CTx}/{@code ~CDx} one character. */
    private boolean tilde(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 3) {
            return false;
        }
        String code = text(in, in.readerIndex() + 1, 2).toUpperCase(java.util.Locale.ROOT);
        int length = 3;
        if (code.equals("HQ")) {
            length = 5;
        } else if (code.equals("CC") || code.equals("CT") || code.equals("CD")) {
            length = 4;
        }
        if (in.readableBytes() < length) {
            return false;
        }
        String full = text(in, in.readerIndex() + 1, length - 1).toUpperCase(java.util.Locale.ROOT);
        in.skipBytes(length);
        out.add(ZplCommand.tilde(full));
        return true;
    }

    private boolean sgd(ByteBuf in, List<Object> out) {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() > MAX_SGD_LINE) {
                log.warn("SGD line longer than {} bytes skipped", MAX_SGD_LINE);
                in.skipBytes(in.readableBytes());
                return true;
            }
            return false;
        }
        String line = text(in, in.readerIndex(), lf - in.readerIndex()).trim();
        in.readerIndex(lf + 1);
        out.add(ZplCommand.sgd(line));
        return true;
    }

    private void startFormat() {
        format = new ByteArrayOutputStream(256);
        discarding = false;
        discarded = 0;
        appendText("^XA");
    }

    private void endFormat(List<Object> out) {
        if (discarding) {
            log.warn("format of {} bytes exceeds maxFormatBytes {}; dropped", discarded + format.size(), maxFormatBytes);
        } else {
            appendText("^XZ");
            out.add(ZplCommand.format(new String(format.toByteArray(), StandardCharsets.ISO_8859_1)));
        }
        format = null;
    }

    private void append(ByteBuf in, int length) {
        if (discarding || format.size() + length > maxFormatBytes) {
            discarding = true;
            discarded += length;
            in.skipBytes(length);
            return;
        }
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        format.write(bytes, 0, length);
    }

    private void appendText(String text) {
        if (!discarding) {
            format.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static boolean isCommand(ByteBuf in, int at, String command) {
        return text(in, at, 2).equalsIgnoreCase(command);
    }

    private static String text(ByteBuf in, int at, int length) {
        return in.toString(at, length, StandardCharsets.ISO_8859_1);
    }
}

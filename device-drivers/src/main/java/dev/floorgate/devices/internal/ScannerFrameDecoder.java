package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.ScannerOptions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Splits a scanner's byte stream into frames, one per read (PROTOCOLS.md 6.1): {@code [prefix][AIM id][data][suffix]}
 * where the suffix is CR, LF or CR LF, or the frame is STX ... ETX, or (no suffix) the frame ends when the line
 * goes quiet for the inter-character timeout. Emits each frame as a ByteBuf without its terminator.
 *
 * <p>Bounded: a frame longer than {@code maxFrameLength} switches to a discarding state (one FRAME_TOO_LONG event
 * at once, so that an endless line is visible while it lasts, and one when it ends) in which bytes are counted
 * and dropped until the next terminator or until the line is quiet for the incomplete-frame timeout. A frame that
 * stays without its terminator for that timeout is dropped with a FRAME_INCOMPLETE event, so a lost CR cannot glue
 * the next read to it. Bytes between STX/ETX frames are reported as GARBAGE.
 *
 * <p>One instance per channel; all methods run on the channel's event loop.
 */
final class ScannerFrameDecoder extends ChannelInboundHandlerAdapter {

    static final byte STX = 0x02;
    static final byte ETX = 0x03;
    static final byte CR = 0x0d;
    static final byte LF = 0x0a;
    private static final int HEX_LIMIT = 32;

    private enum Mode { CR, LF, STX_ETX, SILENCE }

    /** How frames end. */
    private final Mode mode;
    /** The longest frame kept, in bytes; longer ones are discarded. */
    private final int maxFrameLength;
    /** Silence that ends a frame (SILENCE mode) or abandons an unterminated one (other modes), in nanoseconds. */
    private final long gapNanos;
    /** What the terminator is called in messages. */
    private final String terminatorName;
    private final String scanner;
    private final DeviceEventSink events;

    /** The frame being read; never more than maxFrameLength bytes. */
    private ByteBuf frame;
    /** STX_ETX: inside STX ... ETX. */
    private boolean inFrame;
    /** Bytes between STX/ETX frames that are not CR or LF, kept for a GARBAGE event (at most HEX_LIMIT). */
    private ByteBuf outside;
    private long outsideCount;
    /** Dropping an over-long frame until its end. */
    private boolean discarding;
    private long discarded;
    /** The last byte discarded: a CR before the LF that ends the line is not part of the frame. */
    private byte lastDiscarded;
    /** When the last byte arrived, by the event loop's clock (which tests can move). */
    private long lastByteNanos;
    private ScheduledFuture<?> gapTimer;

    ScannerFrameDecoder(String scanner, ScannerOptions options, DeviceEventSink events) {
        this.scanner = scanner;
        this.events = events;
        this.maxFrameLength = options.maxFrameLength();
        if (options.stxEtx()) {
            mode = Mode.STX_ETX;
            terminatorName = "ETX";
        } else {
            switch (options.suffix()) {
                case CR: mode = Mode.CR; terminatorName = "CR"; break;
                case LF: mode = Mode.LF; terminatorName = "LF"; break;
                case CRLF: mode = Mode.LF; terminatorName = "CR LF"; break;
                default: mode = Mode.SILENCE; terminatorName = "a pause"; break;
            }
        }
        this.gapNanos = (mode == Mode.SILENCE ? options.interCharTimeout() : options.incompleteFrameTimeout()).toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        frame = ctx.alloc().buffer(Math.min(maxFrameLength, 256), maxFrameLength);
        outside = ctx.alloc().buffer(HEX_LIMIT, HEX_LIMIT);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf in = (ByteBuf) msg;
        try {
            while (in.isReadable()) {
                accept(ctx, in.readByte());
            }
        } finally {
            in.release();
        }
        lastByteNanos = ctx.executor().ticker().nanoTime();
        if (pending() && gapTimer == null) {
            gapTimer = ctx.executor().schedule(() -> onGapTimer(ctx), gapNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void accept(ChannelHandlerContext ctx, byte b) {
        switch (mode) {
            case CR:
                if (b == CR) {
                    endFrame(ctx);
                } else if (b == LF && frame.readableBytes() == 0 && !discarding) {
                    return; // the LF of a CR LF, or an empty line
                } else {
                    append(b);
                }
                break;
            case LF:
                if (b == LF) {
                    endFrame(ctx);
                } else {
                    append(b);
                }
                break;
            case STX_ETX:
                if (b == STX) {
                    reportOutside();
                    if (inFrame && (frame.isReadable() || discarding)) {
                        dropIncomplete("a new STX arrived");
                    }
                    inFrame = true;
                } else if (!inFrame) {
                    if (b != CR && b != LF && b != ETX) {
                        outsideCount++;
                        if (outside.isWritable()) {
                            outside.writeByte(b);
                        }
                    }
                } else if (b == ETX) {
                    inFrame = false;
                    endFrame(ctx);
                } else {
                    append(b);
                }
                break;
            default:
                append(b);
        }
    }

    private void append(byte b) {
        if (discarding) {
            discarded++;
            lastDiscarded = b;
            return;
        }
        if (frame.readableBytes() >= maxFrameLength) {
            discarding = true;
            discarded = frame.readableBytes() + 1L;
            frame.clear();
            events.emit(DeviceEvent.Kind.FRAME_TOO_LONG, "frame exceeds maxFrameLength " + maxFrameLength
                    + " on scanner '" + scanner + "'; discarding until " + terminatorName);
            return;
        }
        frame.writeByte(b);
    }

    private void endFrame(ChannelHandlerContext ctx) {
        if (discarding) {
            discarding = false;
            long length = discarded - (mode == Mode.LF && lastDiscarded == CR ? 1 : 0);
            events.emit(DeviceEvent.Kind.FRAME_TOO_LONG, "frame of " + length + " bytes exceeds maxFrameLength "
                    + maxFrameLength + " on scanner '" + scanner + "'; discarded");
            discarded = 0;
            frame.clear();
            return;
        }
        int length = frame.readableBytes();
        if (mode == Mode.LF && length > 0 && frame.getByte(frame.writerIndex() - 1) == CR) {
            length--;
        }
        if (length == 0) {
            frame.clear();
            return;
        }
        ByteBuf out = ctx.alloc().buffer(length);
        out.writeBytes(frame, frame.readerIndex(), length);
        frame.clear();
        ctx.fireChannelRead(out);
    }

    private boolean pending() {
        return frame.isReadable() || discarding || outsideCount > 0 || inFrame;
    }

    private void onGapTimer(ChannelHandlerContext ctx) {
        gapTimer = null;
        long quiet = ctx.executor().ticker().nanoTime() - lastByteNanos;
        if (quiet < gapNanos) {
            gapTimer = ctx.executor().schedule(() -> onGapTimer(ctx), gapNanos - quiet, TimeUnit.NANOSECONDS);
            return;
        }
        onSilence(ctx);
    }

    /** The line went quiet: a SILENCE frame is complete; anything else left over is incomplete. */
    private void onSilence(ChannelHandlerContext ctx) {
        if (mode == Mode.SILENCE) {
            endFrame(ctx);
            return;
        }
        reportOutside();
        if (discarding) {
            discarding = false;
            events.emit(DeviceEvent.Kind.FRAME_TOO_LONG, "frame of " + discarded + " bytes without " + terminatorName
                    + " exceeds maxFrameLength " + maxFrameLength + " on scanner '" + scanner + "'; discarded after "
                    + TimeUnit.NANOSECONDS.toMillis(gapNanos) + " ms of silence");
            discarded = 0;
        } else if (frame.isReadable()) {
            dropIncomplete(TimeUnit.NANOSECONDS.toMillis(gapNanos) + " ms of silence");
        }
        inFrame = false;
    }

    private void dropIncomplete(String why) {
        if (discarding) {
            events.emit(DeviceEvent.Kind.FRAME_TOO_LONG, "frame of " + discarded + " bytes exceeds maxFrameLength "
                    + maxFrameLength + " on scanner '" + scanner + "'; discarded (" + why + ")");
            discarding = false;
            discarded = 0;
        } else {
            byte[] bytes = new byte[frame.readableBytes()];
            frame.getBytes(frame.readerIndex(), bytes);
            events.emit(DeviceEvent.Kind.FRAME_INCOMPLETE, "scanner '" + scanner + "' sent " + bytes.length
                    + " bytes without " + terminatorName + "; dropped after " + why + ": " + Hex.dump(bytes, HEX_LIMIT));
        }
        frame.clear();
    }

    private void reportOutside() {
        if (outsideCount == 0) {
            return;
        }
        byte[] bytes = new byte[outside.readableBytes()];
        outside.getBytes(outside.readerIndex(), bytes);
        String hex = Hex.dump(bytes, HEX_LIMIT) + (outsideCount > bytes.length ? " ... (" + outsideCount + " bytes)" : "");
        events.emit(DeviceEvent.Kind.GARBAGE, "scanner '" + scanner + "' sent " + outsideCount
                + " bytes outside STX/ETX frames: " + hex);
        outside.clear();
        outsideCount = 0;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pending()) {
            onSilence(ctx);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (gapTimer != null) {
            gapTimer.cancel(false);
            gapTimer = null;
        }
        frame.release();
        outside.release();
    }
}

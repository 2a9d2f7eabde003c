package dev.floorgate.devices.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.Arrays;

/**
 * Cuts a scale's byte stream into {@link ScaleLine}s (PROTOCOLS.md 9.1): a line ends at CR or LF (so CR LF, a lone
 * CR and a lone LF all work, and the empty line between CR and LF is skipped). Bounded: past {@code maxFrameLength}
 * bytes the line is discarded up to its terminator and comes out as one TOO_LONG line. A line left without its
 * terminator is dropped as INCOMPLETE when the next byte comes after more than {@code incompleteNanos} of silence,
 * when the driver sends a new command ({@link #dropPartial}), or when the connection closes, so half a reply can
 * never be glued to the next one. Runs on the channel's event loop; no timers.
 */
final class ScaleLineDecoder extends ChannelInboundHandlerAdapter {

    private final int maxFrameLength;
    private final long incompleteNanos;
    private final byte[] line;
    private int length;
    /** Bytes of the current line beyond maxFrameLength: the line is being discarded. */
    private long overflow;
    private long lastByteNanos;
    private ChannelHandlerContext ctx;

    ScaleLineDecoder(int maxFrameLength, long incompleteNanos) {
        this.maxFrameLength = maxFrameLength;
        this.incompleteNanos = incompleteNanos;
        this.line = new byte[maxFrameLength];
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf in = (ByteBuf) msg;
        try {
            long now = ctx.executor().ticker().nanoTime();
            if (pending() && now - lastByteNanos > incompleteNanos) {
                dropPartial();
            }
            lastByteNanos = now;
            while (in.isReadable()) {
                accept(in.readByte());
            }
        } finally {
            ReferenceCountUtil.release(in);
        }
    }

    private void accept(byte b) {
        if (b == '\r' || b == '\n') {
            endLine();
        } else if (overflow > 0 || length == maxFrameLength) {
            overflow++;
        } else {
            line[length++] = b;
        }
    }

    private void endLine() {
        if (overflow > 0) {
            ctx.fireChannelRead(ScaleLine.tooLong(Arrays.copyOf(line, Math.min(length, ScaleLine.HEX_LIMIT)), length + overflow));
        } else if (length > 0) {
            ctx.fireChannelRead(ScaleLine.line(Arrays.copyOf(line, length)));
        }
        length = 0;
        overflow = 0;
    }

    private boolean pending() {
        return length > 0 || overflow > 0;
    }

    /** Drops an unterminated line (passed on as INCOMPLETE); nothing happens when there is none. Event loop only. */
    void dropPartial() {
        if (!pending()) {
            return;
        }
        ScaleLine partial = overflow > 0
                ? ScaleLine.tooLong(Arrays.copyOf(line, Math.min(length, ScaleLine.HEX_LIMIT)), length + overflow)
                : ScaleLine.incomplete(Arrays.copyOf(line, Math.min(length, ScaleLine.HEX_LIMIT)), length);
        length = 0;
        overflow = 0;
        ctx.fireChannelRead(partial);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        dropPartial();
        ctx.fireChannelInactive();
    }
}

package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceEvent;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each {@link SicsRequest} as its command line and pairs it with the next line that comes back. MT-SICS
 * replies carry no tag, so one request is pending at a time (the driver asks under its lock) and a new request
 * first drops any half line still in the {@link ScaleLineDecoder}, so a reply cut short cannot be glued to the
 * next. A line that arrives while nothing is pending (a late reply after a timeout) is dropped; when it is garbage,
 * a GARBAGE event says so. Runs on the channel's event loop.
 */
final class SicsReplyMatcher extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(SicsReplyMatcher.class);

    private final String scale;
    private final ScaleLineDecoder lines;
    private final int maxFrameLength;
    private final DeviceEventSink events;
    private SicsRequest pending;

    SicsReplyMatcher(String scale, ScaleLineDecoder lines, int maxFrameLength, DeviceEventSink events) {
        this.scale = scale;
        this.lines = lines;
        this.maxFrameLength = maxFrameLength;
        this.events = events;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof SicsRequest)) {
            ctx.write(msg, promise);
            return;
        }
        SicsRequest request = (SicsRequest) msg;
        if (pending != null && !pending.reply().isDone()) {
            pending.reply().completeExceptionally(new IOException("scale '" + scale + "': " + pending.command()
                    + " superseded by " + request.command()));
        }
        pending = null;
        lines.dropPartial(); // arrives below as a stray line while nothing is pending
        pending = request;
        promise.addListener(f -> {
            if (!f.isSuccess()) {
                request.reply().completeExceptionally(f.cause());
            }
        });
        ctx.write(Unpooled.wrappedBuffer(request.bytes()), promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ScaleLine)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ScaleLine line = (ScaleLine) msg;
        if (pending != null && !pending.reply().isDone()) {
            SicsRequest answered = pending;
            pending = null;
            answered.reply().complete(line);
            return;
        }
        pending = null;
        String garbage = line.garbage(scale, maxFrameLength);
        if (garbage != null) {
            events.emit(DeviceEvent.Kind.GARBAGE, garbage + " (while no command was waiting)");
        } else {
            log.debug("scale '{}': stray line dropped (no command waiting): {}", scale, line.text());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.reply().completeExceptionally(new IOException("scale '" + scale
                    + "': connection closed while waiting for the reply to " + pending.command()));
            pending = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("scale '{}': connection error: {}", scale, cause.toString());
        } else {
            events.emit(DeviceEvent.Kind.ERROR, "scale '" + scale + "' pipeline error: " + cause);
            log.warn("scale '{}': pipeline error; closing the connection", scale, cause);
        }
        ctx.close();
    }
}

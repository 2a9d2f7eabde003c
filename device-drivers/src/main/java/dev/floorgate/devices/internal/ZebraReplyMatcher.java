package dev.floorgate.devices.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pairs each {@link ZebraRequest} written through the pipeline with the bytes that come back, at most
 * {@code maxReplyBytes} of them. One request is pending at a time (the driver sends one job or query at a time);
 * a new request starts a fresh reply. Bytes that arrive while nothing is pending (a late reply after a timeout)
 * are dropped. Runs on the channel's event loop.
 */
final class ZebraReplyMatcher extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(ZebraReplyMatcher.class);

    private final String printer;
    private final int maxReplyBytes;
    private ZebraRequest pending;
    private ByteBuf received;

    ZebraReplyMatcher(String printer, int maxReplyBytes) {
        this.printer = printer;
        this.maxReplyBytes = maxReplyBytes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        received = ctx.alloc().buffer(256, maxReplyBytes);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        received.release();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ZebraRequest) {
            ZebraRequest request = (ZebraRequest) msg;
            if (pending != null && !pending.isDone()) {
                pending.fail(new IOException("printer '" + printer + "': " + pending.description()
                        + " superseded by " + request.description()));
            }
            pending = request;
            received.clear();
            promise.addListener(f -> {
                if (!f.isSuccess()) {
                    request.fail(f.cause());
                }
            });
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ByteBuf in = (ByteBuf) msg;
        try {
            if (pending == null || pending.isDone()) {
                if (log.isDebugEnabled()) {
                    log.debug("printer '{}': {} stray reply bytes dropped: {}", printer, in.readableBytes(),
                            Hex.printable(ByteBufUtil.getBytes(in), 80));
                }
                return;
            }
            if (in.readableBytes() > received.maxWritableBytes()) {
                pending.fail(new IOException("printer '" + printer + "': reply to " + pending.description()
                        + " exceeds maxReplyBytes " + maxReplyBytes));
                pending = null;
                received.clear();
                return;
            }
            received.writeBytes(in);
            byte[] soFar = ByteBufUtil.getBytes(received);
            pending.progress(soFar);
            if (pending.isComplete(soFar)) {
                pending.reply().complete(soFar);
                pending = null;
                received.clear();
            }
        } finally {
            in.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.fail(new IOException("printer '" + printer + "': connection closed while waiting for the reply to "
                    + pending.description()));
            pending = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("printer '{}': connection error: {}", printer, cause.toString());
        } else {
            log.warn("printer '{}': pipeline error; closing the connection", printer, cause);
        }
        ctx.close();
    }
}

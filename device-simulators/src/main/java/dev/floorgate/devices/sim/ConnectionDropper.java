package dev.floorgate.devices.sim;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "drop-next-connection": once armed with a byte count N, the next connection that receives data is reset
 * (TCP RST, as a printer that reboots or a switch that fails) after N more bytes. Bytes after the N-th are not
 * passed on, so a job cut this way never completes its format. One instance per connection; the plan is shared.
 */
final class ConnectionDropper extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionDropper.class);

    /** An armed drop: after how many bytes, and which connection took it. */
    static final class Plan {
        final long afterBytes;
        final AtomicReference<Channel> owner = new AtomicReference<>();

        Plan(long afterBytes) {
            this.afterBytes = afterBytes;
        }
    }

    private final AtomicReference<Plan> armed;
    private long counted;

    ConnectionDropper(AtomicReference<Plan> armed) {
        this.armed = armed;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Plan plan = armed.get();
        if (plan == null || !(msg instanceof ByteBuf)
                || !(plan.owner.get() == ctx.channel() || plan.owner.compareAndSet(null, ctx.channel()))) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf in = (ByteBuf) msg;
        long remaining = plan.afterBytes - counted;
        if (in.readableBytes() < remaining) {
            counted += in.readableBytes();
            ctx.fireChannelRead(msg);
            return;
        }
        if (remaining > 0) {
            ctx.fireChannelRead(in.retainedSlice(in.readerIndex(), (int) remaining));
        }
        in.release();
        armed.compareAndSet(plan, null);
        log.info("simulated printer resets connection {} after {} bytes", ctx.channel().remoteAddress(), plan.afterBytes);
        try {
            ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (RuntimeException e) {
            log.debug("SO_LINGER not supported here; closing normally");
        }
        ctx.close();
    }
}

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
 *
 * <p>"drop-next-format" counts the N bytes from the next format's {@code ^XA} instead: a driver that polls the
 * printer's status on the same connection between the arming and the job would otherwise spend the count on its
 * status queries, and the reset would hit a query instead of the job.
 */
final class ConnectionDropper extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionDropper.class);

    /** An armed drop: after how many bytes, and which connection took it. */
    static final class Plan {
        final long afterBytes;
        final boolean fromFormatStart;
        final AtomicReference<Channel> owner = new AtomicReference<>();

        Plan(long afterBytes) {
            this(afterBytes, false);
        }

        Plan(long afterBytes, boolean fromFormatStart) {
            this.afterBytes = afterBytes;
            this.fromFormatStart = fromFormatStart;
        }
    }

    private final AtomicReference<Plan> armed;
    private long counted;
    /** The last byte of the previous read, so a {@code ^XA} split across two reads is still found. */
    private byte previous;

    ConnectionDropper(AtomicReference<Plan> armed) {
        this.armed = armed;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Plan plan = armed.get();
        if (plan == null || !(msg instanceof ByteBuf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ByteBuf in = (ByteBuf) msg;
        if (plan.fromFormatStart && plan.owner.get() != ctx.channel()) {
            // the connection that sends the next format takes the plan; status queries before it pass untouched
            int start = formatStart(in);
            if (start < 0 || !plan.owner.compareAndSet(null, ctx.channel())) {
                ctx.fireChannelRead(msg);
                return;
            }
            if (start > in.readerIndex()) {
                ctx.fireChannelRead(in.readRetainedSlice(start - in.readerIndex()));
            }
        } else if (!plan.fromFormatStart
                && !(plan.owner.get() == ctx.channel() || plan.owner.compareAndSet(null, ctx.channel()))) {
            ctx.fireChannelRead(msg);
            return;
        }
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

    /** The index of the {@code ^} of the first {@code ^XA} in the buffer (the reader index if it began in the last read). */
    private int formatStart(ByteBuf in) {
        int from = in.readerIndex();
        int to = in.writerIndex();
        for (int i = from; i < to; i++) {
            byte b = in.getByte(i);
            boolean caretBefore = i > from ? in.getByte(i - 1) == '^' : previous == '^';
            if ((b == 'X' || b == 'x') && caretBefore && i + 1 < to && (in.getByte(i + 1) == 'A' || in.getByte(i + 1) == 'a')) {
                return Math.max(from, i - 1);
            }
        }
        if (to > from) {
            previous = in.getByte(to - 1);
        }
        return -1;
    }
}

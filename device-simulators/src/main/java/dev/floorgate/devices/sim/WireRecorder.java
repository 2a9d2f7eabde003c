package dev.floorgate.devices.sim;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Records every byte the printer receives, in order, for assertions (bounded by the simulator). */
@ChannelHandler.Sharable
final class WireRecorder extends ChannelInboundHandlerAdapter {

    private final SimulatedPrinter printer;

    WireRecorder(SimulatedPrinter printer) {
        this.printer = printer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            ByteBuf in = (ByteBuf) msg;
            printer.record(ByteBufUtil.getBytes(in, in.readerIndex(), in.readableBytes(), true));
        }
        ctx.fireChannelRead(msg);
    }
}

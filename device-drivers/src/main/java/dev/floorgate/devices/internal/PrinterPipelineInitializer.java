package dev.floorgate.devices.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;

/** The pipeline of one Zebra printer connection, the same over TCP and serial. Read it top to bottom. */
public final class PrinterPipelineInitializer extends ChannelInitializer<Channel> {

    private final String printer;
    private final int maxReplyBytes;

    public PrinterPipelineInitializer(String printer, int maxReplyBytes) {
        this.printer = printer;
        this.maxReplyBytes = maxReplyBytes;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        // outbound: ZebraRequest -> command bytes (~HS~HQES, ~HI, SGD lines); ZPL goes through as bytes
        p.addLast("requests", new ZebraRequestEncoder());
        // pairs each query with the bytes of its reply (bounded); stray bytes are dropped
        p.addLast("replies", new ZebraReplyMatcher(printer, maxReplyBytes));
    }
}

package dev.floorgate.devices.internal;

import dev.floorgate.devices.ScaleOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;

/** The pipeline of one scale connection, the same over TCP and serial. Read it top to bottom. */
public final class ScalePipelineInitializer extends ChannelInitializer<Channel> {

    private final String scale;
    private final ScaleOptions options;
    private final ScaleReadings readings;
    private final DeviceEventSink events;

    public ScalePipelineInitializer(String scale, ScaleOptions options, ScaleReadings readings, DeviceEventSink events) {
        this.scale = scale;
        this.options = options;
        this.readings = readings;
        this.events = events;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        // bytes -> lines at CR/LF; bounded (over-long lines discarded), half lines dropped after silence
        ScaleLineDecoder lines = new ScaleLineDecoder(options.maxFrameLength(), options.answerTimeout().toNanos());
        p.addLast("lines", lines);
        if (options.protocol() == ScaleOptions.Protocol.SICS) {
            // outbound: SicsRequest -> "SI\r\n"; inbound: the next line is its reply, stray lines are dropped
            p.addLast("replies", new SicsReplyMatcher(scale, lines, options.maxFrameLength(), events));
        } else {
            // line -> reading (or GARBAGE) -> the driver's readings and listener
            p.addLast("readings", new ContinuousReadingHandler(scale, options.maxFrameLength(), readings, events));
        }
    }
}

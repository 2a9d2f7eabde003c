package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.ScaleReading;
import dev.floorgate.devices.ScaleState;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a continuous-output scale's pipeline: each line becomes a reading ({@link ContinuousLineParser})
 * handed to {@link ScaleReadings}; a garbage line is also a GARBAGE event. Nothing is ever written to the scale.
 */
final class ContinuousReadingHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ContinuousReadingHandler.class);

    private final String scale;
    private final int maxFrameLength;
    private final ScaleReadings readings;
    private final DeviceEventSink events;

    ContinuousReadingHandler(String scale, int maxFrameLength, ScaleReadings readings, DeviceEventSink events) {
        this.scale = scale;
        this.maxFrameLength = maxFrameLength;
        this.readings = readings;
        this.events = events;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        readings.connected();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ScaleLine)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        ScaleReading reading = ContinuousLineParser.parse(scale, (ScaleLine) msg, maxFrameLength, Instant.now());
        if (reading.state() == ScaleState.GARBAGE) {
            events.emit(DeviceEvent.Kind.GARBAGE, reading.detail());
        }
        readings.offer(reading);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("scale '{}': connection error: {}", scale, cause.toString());
            ctx.close();
            return;
        }
        events.emit(DeviceEvent.Kind.ERROR, "scale '" + scale + "' pipeline error: " + cause);
        log.warn("scale '{}' pipeline error; reading goes on", scale, cause);
    }
}

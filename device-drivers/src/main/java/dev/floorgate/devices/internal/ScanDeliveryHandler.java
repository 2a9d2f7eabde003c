package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.Scan;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a scanner pipeline: hands each scan to the driver's consumer on the device's event thread (in order
 * with its events), and turns errors into events. A connection error closes the channel, and the transport
 * reconnects; anything else is reported and reading goes on.
 */
final class ScanDeliveryHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ScanDeliveryHandler.class);

    private final String scanner;
    private final Consumer<Scan> onScan;
    private final DeviceEventSink events;

    ScanDeliveryHandler(String scanner, Consumer<Scan> onScan, DeviceEventSink events) {
        this.scanner = scanner;
        this.onScan = onScan;
        this.events = events;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Scan) {
            Scan scan = (Scan) msg;
            events.deliver(() -> onScan.accept(scan));
        } else {
            log.debug("scanner '{}': unexpected {} at the end of the pipeline; dropped", scanner, msg.getClass().getName());
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("scanner '{}': connection error: {}", scanner, cause.toString());
            ctx.close();
            return;
        }
        events.emit(DeviceEvent.Kind.ERROR, "scanner '" + scanner + "' pipeline error: " + cause);
        log.warn("scanner '{}' pipeline error; reading goes on", scanner, cause);
    }
}

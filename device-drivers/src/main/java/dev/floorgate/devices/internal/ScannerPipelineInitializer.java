package dev.floorgate.devices.internal;

import dev.floorgate.devices.Scan;
import dev.floorgate.devices.ScannerOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import java.util.function.Consumer;

/** The pipeline of one scanner connection, the same over TCP and serial. Read it top to bottom. */
public final class ScannerPipelineInitializer extends ChannelInitializer<Channel> {

    private final String scanner;
    private final ScannerOptions options;
    private final Consumer<Scan> onScan;
    private final DeviceEventSink events;

    public ScannerPipelineInitializer(String scanner, ScannerOptions options, Consumer<Scan> onScan, DeviceEventSink events) {
        this.scanner = scanner;
        this.options = options;
        this.onScan = onScan;
        this.events = events;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        // bytes -> frames: suffix, STX/ETX or silence; bounded, with a discarding state for endless lines
        p.addLast("frames", new ScannerFrameDecoder(scanner, options, events));
        if (options.triggerMode() != ScannerOptions.TriggerMode.NONE) {
            // triggered readers: drop command acknowledgements, unwrap DMCC headers, report refusals
            p.addLast("trigger-replies", new TriggerReplyFilter(scanner, options, events));
            // outbound: trigger() -> LON / ||>TRIGGER ON
            p.addLast("trigger-commands", new TriggerCommandEncoder(options));
        }
        // frame -> Scan: prefix, garbage check, no-read string, AIM id
        p.addLast("scans", new ScanDecoder(scanner, options, events));
        // the same code again within the window is dropped
        p.addLast("duplicates", new DuplicateScanFilter(scanner, options.duplicateWindow(), events));
        // scans to the driver's consumer, in order with events; errors to events
        p.addLast("delivery", new ScanDeliveryHandler(scanner, onScan, events));
    }
}

package dev.floorgate.devices.internal;

import dev.floorgate.devices.DeviceEvent;
import dev.floorgate.devices.ScannerOptions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Separates a triggered reader's replies from its read data (PROTOCOLS.md 6.3). Keyence: {@code OK,LON} and
 * {@code OK,LOFF} acknowledge a command and are dropped; {@code ER,<command>,<code>} is a refusal. Cognex DMCC in
 * extended mode prefixes replies with {@code ||[checksum:]id[status]}: status 0 or 1 passes the data after it on,
 * other statuses (100-105) are refusals; in silent mode (the default) data comes without a header and passes as
 * is. Refusals become TRIGGER_FAILED events.
 */
final class TriggerReplyFilter extends MessageToMessageDecoder<ByteBuf> {

    private static final Pattern DMCC_HEADER = Pattern.compile("^\\|\\|(?:\\d+:)?(\\d*)\\[(\\d+)\\](.*)$", Pattern.DOTALL);

    private final String scanner;
    private final ScannerOptions.TriggerMode mode;
    private final DeviceEventSink events;

    TriggerReplyFilter(String scanner, ScannerOptions options, DeviceEventSink events) {
        this.scanner = scanner;
        this.mode = options.triggerMode();
        this.events = events;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        String text = ScanDecoder.ascii(frame);
        if (mode == ScannerOptions.TriggerMode.KEYENCE_LON) {
            if (text.startsWith("OK,")) {
                return;
            }
            if (text.startsWith("ER,")) {
                events.emit(DeviceEvent.Kind.TRIGGER_FAILED, "reader '" + scanner + "' refused a command: " + text);
                return;
            }
            out.add(frame.retain());
            return;
        }
        Matcher header = DMCC_HEADER.matcher(text);
        if (!header.matches()) {
            out.add(frame.retain());
            return;
        }
        int status = Integer.parseInt(header.group(2));
        if (status != 0 && status != 1) {
            events.emit(DeviceEvent.Kind.TRIGGER_FAILED, "reader '" + scanner + "' replied status " + status + " ("
                    + dmccStatus(status) + ") to command " + header.group(1));
            return;
        }
        int dataStart = frame.readerIndex() + header.start(3);
        int dataLength = header.end(3) - header.start(3);
        if (dataLength > 0) {
            out.add(frame.retainedSlice(dataStart, dataLength));
        }
    }

    static String dmccStatus(int status) {
        switch (status) {
            case 100: return "unidentified error";
            case 101: return "invalid command";
            case 102: return "invalid parameter";
            case 103: return "bad checksum";
            case 104: return "rejected because of reader state";
            case 105: return "reader unavailable";
            default: return "unknown status";
        }
    }
}

package dev.floorgate.devices.internal;

import dev.floorgate.devices.ScannerOptions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link TriggerCommand} as the reader expects it (PROTOCOLS.md 6.3): Cognex DMCC
 * {@code ||>TRIGGER ON} CR LF; Keyence {@code LON} with CR, or between STX and ETX when the reader frames that
 * way (its replies use the same framing as the command).
 */
final class TriggerCommandEncoder extends MessageToByteEncoder<TriggerCommand> {

    private final ScannerOptions options;

    TriggerCommandEncoder(ScannerOptions options) {
        super(TriggerCommand.class);
        this.options = options;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, TriggerCommand command, ByteBuf out) {
        out.writeBytes(bytes(options).getBytes(StandardCharsets.US_ASCII));
    }

    static String bytes(ScannerOptions options) {
        switch (options.triggerMode()) {
            case COGNEX_DMCC:
                return "||>TRIGGER ON\r\n";
            case KEYENCE_LON:
                return options.stxEtx() ? "\u0002LON\u0003" : "LON\r";
            default:
                throw new IllegalStateException("trigger mode " + options.triggerMode() + " has no trigger command");
        }
    }
}

package dev.floorgate.devices.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a {@link ZebraRequest}'s command bytes; print data passes as plain bytes. */
final class ZebraRequestEncoder extends MessageToByteEncoder<ZebraRequest> {

    ZebraRequestEncoder() {
        super(ZebraRequest.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ZebraRequest request, ByteBuf out) {
        out.writeBytes(request.bytes());
    }
}

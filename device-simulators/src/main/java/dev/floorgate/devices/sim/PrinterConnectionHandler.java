package dev.floorgate.devices.sim;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on what one connection sends: formats go to the printer's buffer, {@code ~} commands and SGD lines are
 * answered at once (or not at all, when the printer is silent). Print data gets no reply, as on a real printer.
 */
final class PrinterConnectionHandler extends SimpleChannelInboundHandler<ZplCommand> {

    private static final Logger log = LoggerFactory.getLogger(PrinterConnectionHandler.class);

    private final SimulatedPrinter printer;

    PrinterConnectionHandler(SimulatedPrinter printer) {
        this.printer = printer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ZplCommand command) {
        switch (command.kind) {
            case FORMAT:
                printer.onFormat(command.text);
                break;
            case TILDE:
                tilde(ctx, command.text);
                break;
            default:
                sgd(ctx, command.text);
        }
    }

    private void tilde(ChannelHandlerContext ctx, String code) {
        switch (code) {
            case "HS":
                reply(ctx, printer.hostStatus());
                break;
            case "HQES":
                reply(ctx, printer.extendedStatus());
                break;
            case "HI":
                reply(ctx, printer.identification());
                break;
            case "PS":
                printer.paused(false);
                break;
            case "PP":
                printer.paused(true);
                break;
            case "JA":
                printer.cancelAll();
                break;
            default:
                log.debug("simulated printer ignores ~{}", code);
        }
    }

    private void sgd(ChannelHandlerContext ctx, String line) {
        for (SgdLine.Command c : SgdLine.parse(line)) {
            if (c.verb.equals("getvar")) {
                String value = printer.getVar(c.name);
                reply(ctx, value == null ? null : "\"" + value + "\"");
            } else {
                printer.setVar(c.name, c.value);
            }
        }
    }

    private void reply(ChannelHandlerContext ctx, String text) {
        if (text == null) {
            return; // silent, as a printer in that state is
        }
        printer.recordReply(text);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            log.info("simulated printer closes idle connection {}", ctx.channel().remoteAddress());
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            log.warn("simulated printer connection error", cause);
        }
        ctx.close();
    }
}

package dev.floorgate.devices.sim;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The printer simulator's control port, on loopback only: one {@link PrinterControl} command per line, one reply
 * line each ({@code echo "paper-out on" | nc 127.0.0.1 9191}). Lines are limited to 1024 bytes.
 */
final class ControlServer {

    private final Channel server;

    ControlServer(EventLoopGroup group, int port, PrinterControl control) {
        this.server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast(new LineBasedFrameDecoder(1024))
                                .addLast(new StringDecoder(StandardCharsets.UTF_8))
                                .addLast(new StringEncoder(StandardCharsets.UTF_8))
                                .addLast(new SimpleChannelInboundHandler<String>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, String line) {
                                        if (line.isBlank()) {
                                            return;
                                        }
                                        if (line.trim().equalsIgnoreCase("quit")) {
                                            ctx.writeAndFlush("ok bye\n").addListener(f -> ctx.close());
                                            return;
                                        }
                                        ctx.writeAndFlush(control.execute(line) + "\n");
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        if (cause instanceof TooLongFrameException) {
                                            ctx.writeAndFlush("error line longer than 1024 bytes\n");
                                        } else {
                                            ctx.close();
                                        }
                                    }
                                });
                    }
                })
                .bind("127.0.0.1", port).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    void close() {
        server.close().syncUninterruptibly();
    }
}

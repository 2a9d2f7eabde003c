package dev.floorgate.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback between the gateway and the core that can swallow the core's next responses: the
 * request reaches the core and is applied, and the connection is cut before the gateway reads a byte of the
 * answer, as when Wi-Fi or the WAN drops at the worst moment.
 */
final class ResponseDroppingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final AtomicInteger toDrop = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final Thread acceptor;

    ResponseDroppingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "dropping-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void dropNextResponses(int n) {
        toDrop.set(n);
    }

    int dropped() {
        return dropped.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                pump(client.getInputStream(), upstream.getOutputStream(), client, upstream, false);
                pump(upstream.getInputStream(), client.getOutputStream(), client, upstream, true);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(InputStream in, OutputStream out, Socket a, Socket b, boolean responses) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (responses && toDrop.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0) {
                        dropped.incrementAndGet();
                        break; // the core has answered: cut both sides without passing the answer on
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side went away; close both below
            }
            closeQuietly(a);
            closeQuietly(b);
        }, responses ? "proxy-down" : "proxy-up");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

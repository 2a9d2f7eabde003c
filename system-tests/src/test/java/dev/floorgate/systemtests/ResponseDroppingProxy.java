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
 * answer, as when Wi-Fi or the WAN drops at the worst moment. Only answers to requests whose first bytes start
 * with the given prefix are dropped (e.g. {@code POST /v1/operations}): the gateway also asks the core for changes
 * and time, and a dropped answer to one of those would prove nothing about batches.
 */
final class ResponseDroppingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final AtomicInteger toDrop = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile String requestPrefix = "";
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

    /** Drops the answers to the next {@code n} requests that start with {@code requestPrefix}. */
    void dropNextResponses(int n, String requestPrefix) {
        this.requestPrefix = requestPrefix;
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
                java.util.concurrent.atomic.AtomicBoolean marked = new java.util.concurrent.atomic.AtomicBoolean();
                pump(client.getInputStream(), upstream.getOutputStream(), client, upstream, false, marked);
                pump(upstream.getInputStream(), client.getOutputStream(), client, upstream, true, marked);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /**
     * Copies one direction. Upward, a request starting with the prefix while drops are left marks the connection
     * (the gateway sends one request at a time per connection, so the next answer on it is that request's);
     * downward, the answer on a marked connection is swallowed and both sides cut.
     */
    private void pump(InputStream in, OutputStream out, Socket a, Socket b, boolean responses,
            java.util.concurrent.atomic.AtomicBoolean marked) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (!responses && !requestPrefix.isEmpty() && toDrop.get() > 0 && new String(buf, 0,
                            Math.min(n, requestPrefix.length()), java.nio.charset.StandardCharsets.ISO_8859_1)
                            .equals(requestPrefix) && toDrop.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0) {
                        marked.set(true);
                    }
                    if (responses && marked.get()) {
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

package dev.floorgate.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback that a test can cut and restore, standing for a WAN link or a Wi-Fi aisle: while cut,
 * every open connection is reset and new ones are closed as soon as they arrive.
 */
final class CuttableProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private final java.util.concurrent.atomic.AtomicLong requestBytes = new java.util.concurrent.atomic.AtomicLong();
    /** Request lines ("PUT /v1/... HTTP/1.1") seen going to the target, in order per connection. */
    private final java.util.List<String> requestLines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private static final java.util.regex.Pattern REQUEST_LINE =
            java.util.regex.Pattern.compile("(GET|PUT|POST|DELETE) (/\\S*) HTTP/1\\.1\r\n");

    CuttableProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "cuttable-proxy-" + targetPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Resets every connection and refuses new ones until {@link #restore()}. */
    void cut() {
        cut = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    void restore() {
        cut = false;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                open.add(client);
                open.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                return; // server closed
            }
        }
    }

    /** Bytes passed from clients to the target so far: a test waits for traffic before it cuts. */
    long requestBytes() {
        return requestBytes.get();
    }

    private void pump(Socket from, Socket to, boolean requests) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            StringBuilder carry = new StringBuilder();
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (requests) {
                        requestBytes.addAndGet(n);
                        tap(carry, buf, n);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // cut or closed
            }
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Finds request lines in what passed (ISO-8859-1 keeps bytes one to one); a line split by a read is joined. */
    private void tap(StringBuilder carry, byte[] buf, int n) {
        carry.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
        java.util.regex.Matcher m = REQUEST_LINE.matcher(carry);
        int end = 0;
        while (m.find()) {
            requestLines.add(m.group(1) + " " + m.group(2));
            end = m.end();
        }
        carry.delete(0, Math.max(end, Math.max(0, carry.length() - 512)));
    }

    /** The request lines seen so far ("PUT /v1/photos/uploads/acme/u?offset=0"). */
    java.util.List<String> requestLines() {
        synchronized (requestLines) {
            return new java.util.ArrayList<>(requestLines);
        }
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
        cut();
        server.close();
    }
}

package dev.floorgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network between a client (a browser, a PDA app) and the gateway, which a test can cut and mend: a TCP relay on
 * 127.0.0.1 (bytes in, bytes out, so TLS runs end to end through it). {@link #cut} closes the listening socket and every open
 * connection, as a Wi-Fi dead spot does; {@link #mend} listens on the same port again. {@link #loseAnswers} lets
 * requests through and drops every byte the gateway sends back: a request that arrived whose answer was lost.
 */
public final class TcpRelay implements AutoCloseable {
    private final InetAddress host;
    private final int target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean answersLost;

    /** A relay to {@code targetPort} on 127.0.0.1, listening on a free loopback port. */
    public TcpRelay(int targetPort) throws IOException {
        this(InetAddress.getLoopbackAddress(), targetPort);
    }

    /**
     * A relay to {@code targetPort} on {@code host}, listening on a free port of the same address (so a TLS name or
     * a link that names the host still fits; only the port changes).
     */
    public TcpRelay(InetAddress host, int targetPort) throws IOException {
        this.host = host;
        this.target = targetPort;
        server = listen(0);
        port = server.getLocalPort();
        accept(server);
    }

    public int port() {
        return port;
    }

    public synchronized void cut() throws IOException {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            s.close();
        }
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    /** From now on the gateway's bytes are dropped (true) or delivered again (false). */
    public void loseAnswers(boolean lost) {
        answersLost = lost;
    }

    /**
     * Listens on the same port again. The kernel can hold the port a moment after {@link #cut} (a connection accepted
     * as the cut came still closing), so the bind is tried again for up to 5 s before it fails.
     */
    public synchronized void mend() throws IOException {
        if (server != null) {
            return;
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                server = listen(port);
                break;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while listening on port " + port + " again", interrupted);
                }
            }
        }
        accept(server);
    }

    private ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(host, port), 50);
        return s;
    }

    private void accept(ServerSocket s) {
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try {
                    Socket client = s.accept();
                    open.add(client); // before connecting on: a cut meanwhile closes it too
                    Socket upstream;
                    try {
                        upstream = new Socket(host, target);
                    } catch (IOException refused) {
                        close(client);
                        continue;
                    }
                    open.add(upstream);
                    pump(client, upstream, false);
                    pump(upstream, client, true);
                } catch (IOException e) {
                    // closed by cut() or close(), or the gateway refused: the browser sees a broken link
                }
            }
        }, "link-proxy-accept-" + port);
        t.setDaemon(true);
        t.start();
    }

    private void pump(Socket from, Socket to, boolean answers) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (answers && answersLost) {
                        continue;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                close(from);
                close(to);
            }
        }, "link-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}

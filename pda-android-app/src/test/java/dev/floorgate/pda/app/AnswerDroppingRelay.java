package dev.floorgate.pda.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Wi-Fi between the PDA and the gateway, as a TCP relay on the gateway's own address (bytes in, bytes out: TLS
 * runs end to end through it, the app's pinned CA and host name check included). {@link #loseAnswers} lets requests
 * through and drops every byte the gateway sends back: a request that arrived whose answer was lost.
 * {@link #dropConnections} closes the open ones, as a roam to another access point does. (gateway-server's LinkProxy
 * does the same for the browser tests; test classes are not shared between modules.)
 */
final class AnswerDroppingRelay implements AutoCloseable {
    private final InetAddress host;
    private final int target;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean answersLost;

    /** A relay listening on another port of {@code host}, to the gateway at {@code host:targetPort}. */
    AnswerDroppingRelay(InetAddress host, int targetPort) throws IOException {
        this.host = host;
        this.target = targetPort;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(host, 0), 50);
        Thread t = new Thread(this::accept, "relay-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** From now on the gateway's bytes are dropped (true) or delivered again (false). */
    void loseAnswers(boolean lost) {
        answersLost = lost;
    }

    void dropConnections() {
        for (Socket s : open) {
            close(s);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(host, target);
                open.add(client);
                open.add(upstream);
                pump(client, upstream, false);
                pump(upstream, client, true);
            } catch (IOException e) {
                // closed, or the gateway refused: the PDA sees a broken link
            }
        }
    }

    private void pump(Socket from, Socket to, boolean answers) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
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
        }, "relay-pump");
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
        server.close();
        dropConnections();
    }
}

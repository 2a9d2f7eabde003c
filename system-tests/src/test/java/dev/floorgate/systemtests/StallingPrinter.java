package dev.floorgate.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A raw-port "printer" without a label counter (SGD getvar answers {@code "?"}) that answers {@code ~HS~HQES} like
 * a ready Zebra printer until a label format starts
 * ({@code ^XA}); from then on it answers nothing and, once the format is whole ({@code ^XZ}), stops reading. The
 * gateway's send never completes: it waits for the status after the job, with the job PRINTING, which is where
 * a kill -9 must leave it "may have printed". The reply frames are those of PROTOCOLS.md 2.1 and 2.2.
 */
final class StallingPrinter implements AutoCloseable {
    private static final String STX = "\u0002";
    private static final String ETX = "\u0003";
    private static final String CRLF = "\r\n";
    static final String READY_STATUS = STX + "030,0,0,1218,000,0,0,0,000,0,0,0" + ETX + CRLF
            + STX + "001,0,0,0,1,2,6,0,00000000,1,000" + ETX + CRLF
            + STX + "1234,0" + ETX + CRLF
            + STX + CRLF + "  PRINTER STATUS" + CRLF + "   ERRORS:         0 00000000 00000000" + CRLF
            + "   WARNINGS:       0 00000000 00000000" + CRLF + ETX;

    private final ServerSocket server;
    private final Thread acceptor;
    private final CountDownLatch formatReceived = new CountDownLatch(1);
    private final StringBuffer received = new StringBuffer();
    private volatile Socket connection;

    StallingPrinter() throws IOException {
        server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "stalling-printer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Waits until a whole label format ({@code ^XA...^XZ}) has arrived. */
    boolean awaitFormat(Duration timeout) throws InterruptedException {
        return formatReceived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    String received() {
        return received.toString();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                connection = s;
                talk(s);
            } catch (IOException e) {
                // closed by the test, or the gateway went away: take the next connection
            }
        }
    }

    private void talk(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        byte[] buffer = new byte[4096];
        boolean formatStarted = false;
        int scanned = received.length();
        int n;
        while ((n = in.read(buffer)) >= 0) {
            received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            String all = received.toString();
            formatStarted |= all.contains("^XA");
            // answer the queries in the order they came: status as a ready printer, any SGD getvar with "?"
            // (this printer has no label counter, so the gateway sends to it as to one that cannot confirm)
            while (!formatStarted) {
                int status = all.indexOf("~HS~HQES", scanned);
                int getvar = all.indexOf("getvar", scanned);
                int lineEnd = getvar < 0 ? -1 : all.indexOf('\n', getvar);
                if (status >= 0 && (getvar < 0 || status < getvar)) {
                    out.write(READY_STATUS.getBytes(StandardCharsets.ISO_8859_1));
                    scanned = status + "~HS~HQES".length();
                } else if (getvar >= 0 && lineEnd >= 0) {
                    out.write("\"?\"".getBytes(StandardCharsets.ISO_8859_1));
                    scanned = lineEnd + 1;
                } else {
                    break;
                }
                out.flush();
            }
            if (all.contains("^XZ")) {
                formatReceived.countDown();
                // stop reading and answering: hold the connection open until the test closes us
                while (!server.isClosed()) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                return;
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        Socket s = connection;
        if (s != null) {
            s.close();
        }
        acceptor.join(2000);
    }
}

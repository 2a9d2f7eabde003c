package dev.floorgate.devices.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import jssc.SerialPort;
import jssc.SerialPortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a simulated scanner reaches the gateway: it dials (TCP client), it is dialed (TCP server: one client at a
 * time, a new one replaces the old), or a serial device. Writes go out at once (TCP_NODELAY), so a frame written
 * in pieces arrives in pieces. What the gateway sends (trigger commands, a scale's MT-SICS commands) goes to the
 * receiver. Shared by the scanner and scale simulators.
 */
abstract class ScannerLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScannerLink.class);

    protected volatile Consumer<byte[]> receiver = bytes -> { };

    void onReceive(Consumer<byte[]> receiver) {
        this.receiver = receiver;
    }

    abstract void write(byte[] bytes) throws IOException;

    /** Waits until the other side is there (a client connected, for the server form). */
    abstract boolean awaitReady(Duration timeout) throws InterruptedException;

    /** Drops the current connection, as a device that resets its link (server form: keeps listening). */
    void dropConnection() {
        close();
    }

    /** The local port for the server form; -1 otherwise. */
    int port() {
        return -1;
    }

    @Override
    public abstract void close();

    static void pump(InputStream in, Consumer<byte[]> sink) {
        byte[] buffer = new byte[1024];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sink.accept(Arrays.copyOf(buffer, n));
            }
        } catch (IOException e) {
            log.debug("scanner simulator link read ended: {}", e.toString());
        }
    }

    /** We dial the gateway (it listens with tcp-listen://). */
    static final class Client extends ScannerLink {
        private final Socket socket;

        Client(String host, int port, Duration timeout) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            Thread reader = new Thread(() -> pump(inputOf(socket), bytes -> receiver.accept(bytes)), "sim-scanner-reader");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        void write(byte[] bytes) throws IOException {
            synchronized (socket) {
                OutputStream out = socket.getOutputStream();
                out.write(bytes);
                out.flush();
            }
        }

        @Override
        boolean awaitReady(Duration timeout) {
            return socket.isConnected() && !socket.isClosed();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** The gateway dials us (it connects with tcp://). */
    static final class Server extends ScannerLink {
        private final ServerSocket server;
        private final Object lock = new Object();
        private Socket client;

        Server(String bindAddress, int port) throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
            Thread acceptor = new Thread(this::acceptLoop, "sim-scanner-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    s.setTcpNoDelay(true);
                    Socket old;
                    synchronized (lock) {
                        old = client;
                        client = s;
                        lock.notifyAll();
                    }
                    if (old != null) {
                        old.close();
                    }
                    Thread reader = new Thread(() -> pump(inputOf(s), bytes -> receiver.accept(bytes)), "sim-scanner-reader");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException e) {
                    if (!server.isClosed()) {
                        log.debug("scanner simulator accept failed: {}", e.toString());
                    }
                }
            }
        }

        @Override
        void write(byte[] bytes) throws IOException {
            Socket s;
            synchronized (lock) {
                s = client;
            }
            if (s == null || s.isClosed()) {
                throw new IOException("no gateway is connected to the scanner simulator on port " + port());
            }
            synchronized (s) {
                OutputStream out = s.getOutputStream();
                out.write(bytes);
                out.flush();
            }
        }

        @Override
        boolean awaitReady(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (lock) {
                while (client == null || client.isClosed()) {
                    long remaining = (deadline - System.nanoTime()) / 1_000_000;
                    if (remaining <= 0) {
                        return false;
                    }
                    lock.wait(Math.min(remaining, 50));
                }
                return true;
            }
        }

        @Override
        void dropConnection() {
            Socket s;
            synchronized (lock) {
                s = client;
                client = null;
            }
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // dropping anyway
                }
            }
        }

        @Override
        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() {
            try {
                server.close();
                synchronized (lock) {
                    if (client != null) {
                        client.close();
                    }
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** A serial device, e.g. one end of a socat pseudo-terminal pair. */
    static final class Serial extends ScannerLink {
        private final SerialPort port;

        Serial(String path, int baud) throws IOException {
            port = new SerialPort(path);
            try {
                port.openPort();
                if (!port.setParams(baud, 8, 1, SerialPort.PARITY_NONE)) {
                    log.warn("setParams on {} returned false (expected on a pseudo-terminal; settings apply)", path);
                }
                port.addEventListener(event -> {
                    if (event.isRXCHAR() && event.getEventValue() > 0) {
                        try {
                            byte[] bytes = port.readBytes();
                            if (bytes != null) {
                                receiver.accept(bytes);
                            }
                        } catch (SerialPortException e) {
                            log.debug("scanner simulator serial read failed: {}", e.toString());
                        }
                    }
                }, SerialPort.MASK_RXCHAR);
            } catch (SerialPortException e) {
                throw new IOException("scanner simulator cannot open serial device " + path + ": " + e.getExceptionType(), e);
            }
        }

        @Override
        void write(byte[] bytes) throws IOException {
            try {
                synchronized (port) {
                    if (!port.writeBytes(bytes)) {
                        throw new IOException("serial write of " + bytes.length + " bytes to " + port.getPortName() + " incomplete");
                    }
                }
            } catch (SerialPortException e) {
                throw new IOException("serial write to " + port.getPortName() + " failed: " + e.getExceptionType(), e);
            }
        }

        @Override
        boolean awaitReady(Duration timeout) {
            return port.isOpened();
        }

        @Override
        public void close() {
            try {
                if (port.isOpened()) {
                    port.removeEventListener();
                    port.closePort();
                }
            } catch (SerialPortException ignored) {
                // closing anyway
            }
        }
    }

    private static InputStream inputOf(Socket s) {
        try {
            return s.getInputStream();
        } catch (IOException e) {
            return InputStream.nullInputStream();
        }
    }
}

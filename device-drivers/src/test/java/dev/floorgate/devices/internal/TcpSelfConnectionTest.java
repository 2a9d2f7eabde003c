package dev.floorgate.devices.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * A driver dialing a loopback port nobody listens on can be "connected" by the kernel to itself (TCP simultaneous
 * open, when the local port it picks is the port it dials); TcpClientTransport refuses such a connection. Here the
 * kernel makes a real one: a socket bound to a port and connected to that same port.
 */
class TcpSelfConnectionTest {
    @Test
    void aRealSelfConnectionIsRecognisedAndAnOrdinaryOneIsNot() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
            port = probe.getLocalPort();
        }
        try (Socket self = new Socket()) {
            self.setReuseAddress(true);
            self.bind(new InetSocketAddress(loopback, port));
            self.connect(new InetSocketAddress(loopback, port), 2000);
            assertThat(self.isConnected()).as("the kernel connected the socket to itself").isTrue();
            assertThat(TcpClientTransport.connectedToItself(self.getLocalSocketAddress(),
                    self.getRemoteSocketAddress())).isTrue();
        }
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
                Socket client = new Socket(loopback, server.getLocalPort());
                Socket accepted = server.accept()) {
            assertThat(TcpClientTransport.connectedToItself(client.getLocalSocketAddress(),
                    client.getRemoteSocketAddress())).isFalse();
            assertThat(accepted.isConnected()).isTrue();
        }
        assertThat(TcpClientTransport.connectedToItself(null, null)).isFalse();
    }
}

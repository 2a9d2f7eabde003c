package dev.floorgate.devices.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The printer simulator seen from the wire: what it answers, and when it stays silent. */
class PrinterSimulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Sends bytes and collects what comes back within {@code quietMillis}. */
    private static String exchange(Socket socket, String send, long quietMillis) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(send.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        socket.setSoTimeout((int) quietMillis);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                got.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException done) {
            // nothing more within the quiet time
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void hostStatusHasThreeFramesWithPaddedFields() throws Exception {
        try (PrinterSimulator printer = PrinterSimulator.builder().start();
             Socket socket = new Socket("127.0.0.1", printer.port())) {
            assertThat(exchange(socket, "~HS", 300)).isEqualTo(
                    "\u0002030,0,0,1218,000,0,0,0,000,0,0,0\u0003\r\n"
                            + "\u0002001,0,0,0,1,2,6,0,00000000,1,000\u0003\r\n"
                            + "\u00021234,0\u0003\r\n");
        }
    }

    @Test
    void printDataGetsNoReplyAndFaultsSilenceHostStatusButNotExtendedStatus() throws Exception {
        try (PrinterSimulator printer = PrinterSimulator.builder().start();
             Socket socket = new Socket("127.0.0.1", printer.port())) {
            assertThat(exchange(socket, "^XA^FDhello^FS^XZ", 200)).isEmpty();
            printer.headOpen(true);
            printer.paperOut(true);
            assertThat(exchange(socket, "~HS", 200)).isEmpty();
            assertThat(exchange(socket, "! U1 getvar \"device.host_status\"\r\n", 200)).isEmpty();
            assertThat(exchange(socket, "~HQES", 300)).contains("ERRORS:         1 00000000 00000005")
                    .startsWith("\u0002").endsWith("\u0003");
            assertThat(exchange(socket, "! U1 getvar \"head.latch\"\r\n", 300)).isEqualTo("\"open\"");
            printer.silent(true);
            assertThat(exchange(socket, "~HQES~HI! U1 getvar \"appl.name\"\r\n", 200)).isEmpty();
        }
    }

    @Test
    void pausedPrinterCountsBufferedFormatsInHostStatus() throws Exception {
        try (PrinterSimulator printer = PrinterSimulator.builder().start();
             Socket socket = new Socket("127.0.0.1", printer.port())) {
            printer.pause(true);
            String reply = exchange(socket, "^XA^FD1^FS^XZ^XA^FD2^FS^XZ^XA^FD3^FS^XZ~HS", 300);
            assertThat(reply).startsWith("\u0002030,0,1,1218,003,");
            assertThat(printer.printed()).isEmpty();
            exchange(socket, "~PS", 100);
            assertThat(printer.awaitPrinted(3, WAIT)).isTrue();
        }
    }

    @Test
    void storedFormatsPrintNothingAndRamIsLostOnPowerCycle() throws Exception {
        try (PrinterSimulator printer = PrinterSimulator.builder().start();
             Socket socket = new Socket("127.0.0.1", printer.port())) {
            exchange(socket, "^XA^DFR:SHIP.ZPL^FS^FO10,10^FN1^FS^XZ^XA^DFE:KEEP.ZPL^FS^XZ", 200);
            assertThat(printer.storedFormats()).containsKeys("R:SHIP.ZPL", "E:KEEP.ZPL");
            assertThat(printer.printed()).isEmpty();
            printer.powerCycle();
            assertThat(printer.storedFormats()).containsOnlyKeys("E:KEEP.ZPL");
        }
    }

    @Test
    void controlPortSwitchesFaultsLineByLine() throws Exception {
        try (PrinterSimulator printer = PrinterSimulator.builder().controlPort(0).start();
             Socket control = new Socket("127.0.0.1", printer.controlPort());
             Socket raw = new Socket("127.0.0.1", printer.port())) {
            PrintWriter out = new PrintWriter(control.getOutputStream(), true, StandardCharsets.UTF_8);
            BufferedReader in = new BufferedReader(new InputStreamReader(control.getInputStream(), StandardCharsets.UTF_8));
            out.println("paper-out on");
            assertThat(in.readLine()).startsWith("ok ").contains("paper-out=on");
            assertThat(exchange(raw, "~HS", 200)).isEmpty();
            out.println("paper-out off");
            assertThat(in.readLine()).contains("paper-out=off");
            assertThat(exchange(raw, "~HS", 300)).startsWith("\u0002030,0,0");
            out.println("head-open maybe");
            assertThat(in.readLine()).startsWith("error").contains("on or off");
            out.println("fly");
            assertThat(in.readLine()).startsWith("error unknown command 'fly'");
            out.println("drop-next-connection 10");
            assertThat(in.readLine()).startsWith("ok");
            String afterDrop;
            try {
                afterDrop = exchange(raw, "^XA^FDcut here^FS^XZ", 300) + raw.getInputStream().read();
            } catch (java.net.SocketException reset) {
                afterDrop = "reset";
            }
            assertThat(afterDrop).isIn("-1", "reset");
            assertThat(printer.printed()).isEmpty();
            try (Socket next = new Socket("127.0.0.1", printer.port())) {
                exchange(next, "^XA^FDwhole^FS^XZ", 100);
                assertThat(printer.awaitPrinted(1, WAIT)).isTrue();
                assertThat(printer.printed().get(0).fieldData()).containsExactly("whole");
            }
        }
    }

    @Test
    void dropNextFormatLetStatusQueriesPassAndCutsTheFormatItself() throws Exception {
        try (PrinterSimulator printer = PrinterSimulator.builder().start();
             Socket socket = new Socket("127.0.0.1", printer.port())) {
            printer.dropNextFormat(12);
            // four status polls, 12 bytes: with drop-next-connection 12 these would have taken the reset
            for (int i = 0; i < 4; i++) {
                assertThat(exchange(socket, "~HS", 200)).as("status poll %d answered", i).contains("\u0002030,");
            }
            String afterDrop;
            try {
                afterDrop = exchange(socket, "^XA^FDcut in the middle^FS^XZ", 300) + socket.getInputStream().read();
            } catch (java.net.SocketException reset) {
                afterDrop = "reset";
            }
            assertThat(afterDrop).isIn("-1", "reset");
            assertThat(printer.printed()).as("a format cut 12 bytes after its ^XA never prints").isEmpty();
            try (Socket next = new Socket("127.0.0.1", printer.port())) {
                exchange(next, "~HS^XA^FDwhole^FS^XZ", 100);
                assertThat(printer.awaitPrinted(1, WAIT)).as("the drop is spent: the next format prints").isTrue();
                assertThat(printer.printed().get(0).fieldData()).containsExactly("whole");
            }
        }
    }
}

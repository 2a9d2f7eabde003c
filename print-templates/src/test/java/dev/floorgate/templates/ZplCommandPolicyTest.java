package dev.floorgate.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Printers take labels, not orders (issue 22, finding 1; PROTOCOLS.md 1.5): a LAN client's raw ZPL passes only
 * with label formatting commands, and the answer names the first offending command and its byte offset.
 */
class ZplCommandPolicyTest {
    private static final ZplCommandPolicy POLICY = ZplCommandPolicy.labelsOnly();

    /** Allowed label formatting commands, each inside an otherwise plain label. */
    @ParameterizedTest
    @ValueSource(strings = {
        "^FO10,10^A0N,30,30^FDtext^FS", "^FT10,40^A@N,30,30,E:ARIAL.TTF^FDx^FS", "^CF0,30^FO0,0^FDx^FS",
        "^FO0,0^FH^FDa_5Eb^FS", "^FO0,0^FB400,3,0,C,0^FDa\\&b^FS", "^FX a comment, with commas^FS",
        "^FO0,0^BY2,3,80^BCN,80,Y,N,N^FD>;123456^FS", "^FO0,0^B3N,N,80,Y,N^FDCODE39^FS",
        "^FO0,0^BQN,2,5^FDQA,hello^FS", "^FO0,0^BXN,6,200^FDdm^FS", "^FO0,0^B7N,5,5^FDpdf^FS",
        "^FO0,0^BEN,80,Y,N^FD501234567890^FS", "^FO0,0^BD2,1,1^FD001840627010000^FS",
        "^FO0,0^GB100,50,2^FS", "^FO0,0^GC50,2,B^FS", "^FO0,0^GD50,50,2,B,L^FS", "^FO0,0^GE80,40,2^FS",
        "^FO0,0^GFA,8,8,1,FF00FF00FF00FF00^FS", "^FO0,0^GSN,40,40^FDA^FS",
        "^LH10,10^LL1218^PW812^LS0^LT0^LRN^FWN", "^PR4^MD10^MMT^PON^PMN^PQ2,0,1,Y", "^CI28", "^CI0",
        "^FO0,0^SN001,1,Y^FS", "^FO0,0^SF%%%,1^FDA01^FS", "^FN1^FVvalue^FS", "^FPH,2^FO0,0^FDx^FS",
        "^fo10,10^a0n,30,30^fdlower case^fs"})
    void labelFormattingCommandsPass(String body) {
        ZplCheck check = POLICY.check("^XA" + body + "^XZ");
        assertThat(check.allowed()).as("%s: %s", body, check.message()).isTrue();
        assertThat(check.offset()).isEqualTo(-1);
    }

    /** zpl | refused command | byte offset | words the reason must contain. */
    @ParameterizedTest(name = "{0} -> {1} at {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "^XA~PP^XZ                       | ~PP | 3  | acts on it at once",
        "~JR                             | ~JR | 0  | acts on it at once",
        "^XA^FO0,0^FDx^FS^XZ~HS          | ~HS | 19 | acts on it at once",
        "^XA~HI^XZ                       | ~HI | 3  | acts on it at once",
        "^XA~JA^XZ                       | ~JA | 3  | acts on it at once",
        "~DGR:LOGO.GRF,2,1,FFFF^XA^XZ    | ~DG | 0  | acts on it at once",
        "^XA~SD25^XZ                     | ~SD | 3  | acts on it at once",
        "^XA~TA000^XZ                    | ~TA | 3  | acts on it at once",
        "^XA^JUS^XZ                      | ^JU | 3  | saves, restores or resets",
        "^XA^JUF^XZ                      | ^JU | 3  | saves, restores or resets",
        "^XA^JBA^XZ                      | ^JB | 3  | erases",
        "^XA^NSs,10.0.0.9,255.0.0.0^XZ   | ^NS | 3  | network",
        "^XA^NC2^XZ                      | ^NC | 3  | network",
        "^XA^NNprinter,,,^XZ             | ^NN | 3  | network",
        "^XA^WIA^XZ                      | ^WI | 3  | network or wireless",
        "^XA^KP1234^XZ                   | ^KP | 3  | password",
        "^XA^KNowned^XZ                  | ^KN | 3  | name",
        "^XA^KLE^XZ                      | ^KL | 3  | language",
        "^XA^IDE:*.*^XZ                  | ^ID | 3  | deletes",
        "^XA^DFR:FMT.ZPL^FS^XZ           | ^DF | 3  | stores a format",
        "^XA^ISR:LABEL.GRF^XZ            | ^IS | 3  | stores an image",
        "^XA^XFR:FMT.ZPL^XZ              | ^XF | 3  | stored format",
        "^XA^XGR:LOGO.GRF,1,1^FS^XZ      | ^XG | 3  | stored graphic",
        "^XA^HH^XZ                       | ^HH | 3  | back to the host",
        "^XA^HWR:*.*^XZ                  | ^HW | 3  | back to the host",
        "^XA^HV1,10^XZ                   | ^HV | 3  | back to the host",
        "^XA^SC9600,8,N,1,X,N^XZ         | ^SC | 3  | serial port",
        "^XA^STA,12,25,2026,10,00,00^XZ  | ^ST | 3  | clock",
        "^XA^SZ1^XZ                      | ^SZ | 3  | language",
        "^XA^JZN^XZ                      | ^JZ | 3  | reprint",
        "^XA^JMB^XZ                      | ^JM | 3  | density",
        "^XA^MNW^XZ                      | ^MN | 3  | media tracking",
        "^XA^MTD^XZ                      | ^MT | 3  | media type",
        "^XA^MUd,203,300^XZ              | ^MU | 3  | units",
        "^XA^MCN^XZ                      | ^MC | 3  | next label",
        "^XA^PPT^XZ                      | ^PP | 3  | pauses",
        "^XA^CWZ,E:TT0003M_.FNT^XZ       | ^CW | 3  | font letter",
        "^XA^CI0,36,35^XZ                | ^CI | 3  | remaps characters",
        "^XA^CC+^XZ                      | ^CC | 3  | hidden from this check",
        "^XA^CT+^XZ                      | ^CT | 3  | hidden from this check",
        "^XA^CD;^XZ                      | ^CD | 3  | delimiter",
        "^XA^RS8^XZ                      | ^RS | 3  | RFID",
        "^XA^QQ1^XZ                      | ^QQ | 3  | denied by default",
        "^XA^FO0,0^FDx^FS                | ^XA | 0  | never closed",
        "^XA^FO0,0^XA^FDx^FS^XZ          | ^XA | 9  | second ^XA",
        "^FO0,0^FDx^FS^XA^XZ             | ^FO | 0  | outside a label format",
        "hello^XA^XZ                     | h   | 0  | outside a label format",
        "^XA^XZ junk                     | j   | 7  | only white space",
        "\"\"                            | \"\" | 0  | no label format",
        "^XA^FO0,0^FDa\u001Bb^FS^XZ      | 0x1B | 13 | control byte"})
    void deviceControlIsRefusedNamingTheCommandAndOffset(String zpl, String command, int offset, String reason) {
        ZplCheck check = POLICY.check(zpl);
        assertThat(check.allowed()).as(zpl).isFalse();
        assertThat(check.command()).isEqualTo(command);
        assertThat(check.offset()).isEqualTo(offset);
        assertThat(check.reason()).contains(reason);
        assertThat(check.message()).isEqualTo((command.isEmpty() ? "ZPL" : "ZPL command " + command) + " at byte "
                + offset + " is not allowed: " + check.reason());
    }

    /** Finding 1 of issue 22, byte for byte as the review sent it: each refused on its own and in the mix. */
    @Test
    void everyCommandOfTheIssuesAttackIsRefused() {
        String sgd = "! U1 setvar \"device.friendly_name\" \"owned\"\r\n";
        assertThat(POLICY.check("~PP").command()).isEqualTo("~PP");
        assertThat(POLICY.check("^XA^JUS^XZ").command()).isEqualTo("^JU");
        assertThat(POLICY.check(sgd).command()).isEqualTo("!");
        assertThat(POLICY.check(sgd).reason()).contains("SGD");
        assertThat(POLICY.check("~HI").command()).isEqualTo("~HI");
        assertThat(POLICY.check("~JR").command()).isEqualTo("~JR");
        assertThat(POLICY.check("^XA^JUF^XZ").command()).isEqualTo("^JU");
        String attack = "^XA^FO50,50^A0N,40,40^FDbeta^FS^XZ\r\n~PP\r\n^XA^JUS^XZ\r\n" + sgd + "~HI\r\n";
        ZplCheck check = POLICY.check(attack);
        assertThat(check.allowed()).isFalse();
        assertThat(check.command()).isEqualTo("~PP");
        assertThat(check.offset()).isEqualTo(attack.indexOf("~PP"));
        // SGD hidden inside a format, on its own line or glued to a command
        assertThat(POLICY.check("^XA^FO0,0^FDx^FS\r\n" + sgd + "^XZ").command()).isEqualTo("!");
        assertThat(POLICY.check("^XA^FO0,0^FS! U1 do \"device.reset\" \"\"\r\n^XZ").command()).isEqualTo("!");
        assertThat(POLICY.check("{}{\"device.reset\":\"\"}\r\n^XA^XZ").command()).isEqualTo("{}");
        assertThat(POLICY.check("^XA^FO0,0^FDx!U1 setvar \"a\" \"b\"^FS^XZ").command()).isEqualTo("!");
        assertThat(POLICY.check("^XA^FO0,0^FDx! u getvar \"a\"^FS^XZ").command()).isEqualTo("!");
        assertThat(POLICY.check("^XA^FO0,0^FDWow! Under budget^FS^XZ").allowed()).isTrue();
    }

    @Test
    void aCommandCharacterChangeIsRefusedBeforeItCanHideLaterCommands() {
        // After ^CC+ a printer would run +JUS; this check refuses the ^CC itself.
        ZplCheck check = POLICY.check("^XA^FO0,0^FDok^FS^CC+\r\n+JUS+XZ");
        assertThat(check.command()).isEqualTo("^CC");
        assertThat(check.offset()).isEqualTo(17);
        assertThat(POLICY.check("^XA~CC+^XZ").command()).isEqualTo("~CC");
        // single-byte aliases are read as the commands they are
        assertThat(POLICY.check("\u0002^FO0,0^FDx\u000F\u0003").allowed()).isTrue();
        assertThat(POLICY.check("\u0002^FO0,0^FDx\u000F").command()).isEqualTo("^XA");
    }

    @Test
    void offsetsAreUtf8ByteOffsets() {
        ZplCheck check = POLICY.check("^XA^CI28^FO0,0^FDé€^FS~JA^XZ");
        assertThat(check.command()).isEqualTo("~JA");
        assertThat(check.offset()).isEqualTo("^XA^CI28^FO0,0^FDé€^FS".getBytes(StandardCharsets.UTF_8).length);
    }

    static List<String> builtIns() {
        return TemplateCatalog.BUILT_IN_NAMES;
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void everyBuiltInTemplatesRenderedLabelIsAllowed(String name) {
        LabelTemplate template = TemplateCatalog.builtIn().find(name).orElseThrow();
        String zpl = template.render(template.sampleData(), 3).zpl();
        assertThat(POLICY.check(zpl).message()).as(name).isEqualTo("allowed");
        // Hostile text in each text field renders to an allowed label (escaped); fields that refuse it
        // outright (GS1 character sets) are skipped, which is the safe answer too.
        String hostile = "^XZ~JUS\r\n! U1 ^XA~PP";
        int hostileRenders = 0;
        for (TemplateField f : template.fields()) {
            if (f.type() != FieldType.TEXT || f.maxLength() < hostile.length()) {
                continue;
            }
            Map<String, String> data = new java.util.HashMap<>(template.sampleData());
            data.put(f.name(), hostile);
            String rendered;
            try {
                rendered = template.render(data, 1).zpl();
            } catch (IllegalArgumentException refused) {
                continue;
            }
            hostileRenders++;
            assertThat(POLICY.check(rendered).message()).as("%s with hostile %s", name, f.name()).isEqualTo("allowed");
        }
        assertThat(hostileRenders).as(name).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ups-ground.zpl", "fedex-ground.zpl", "usps-priority.zpl"})
    void carrierLabelsAreAllowed(String file) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/carrier/" + file)) {
            byte[] zpl = in.readAllBytes();
            assertThat(POLICY.check(zpl).message()).as(file).isEqualTo("allowed");
            assertThat(POLICY.check(new String(zpl, StandardCharsets.UTF_8) + "\r\n~JA").command()).isEqualTo("~JA");
        }
    }

    @Test
    void thePrinterAdminRoleAllowsEverything() {
        String attack = "~PP^XA^JUS^XZ! U1 setvar \"device.friendly_name\" \"x\"\r\n~HI~JR^XA^JUF^XZ";
        assertThat(ZplCommandPolicy.printerAdmin().check(attack).allowed()).isTrue();
        assertThat(ZplCommandPolicy.forRole(true).allowsAll()).isTrue();
        assertThat(ZplCommandPolicy.forRole(false).check(attack).allowed()).isFalse();
    }

    @Test
    void randomBytesNeverThrowAndAlwaysAnswer() {
        Random random = new Random(22);
        byte[] alphabet = "^~XAZFOSDJUPHI!{}, \r\n0123456789\u0002\u0003\u000F".getBytes(StandardCharsets.ISO_8859_1);
        int allowed = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(64)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = round % 2 == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            ZplCheck check = POLICY.check(bytes);
            if (check.allowed()) {
                allowed++;
                assertThat(check.offset()).isEqualTo(-1);
            } else {
                assertThat(check.offset()).isBetween(0, Math.max(0, bytes.length - 1));
                assertThat(check.reason()).isNotEmpty();
            }
        }
        assertThat(allowed).isLessThan(20_000);
    }
}

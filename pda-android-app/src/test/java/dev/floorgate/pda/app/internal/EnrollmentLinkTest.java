package dev.floorgate.pda.app.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The enrollment QR's link and the typed parts: what is accepted, and what is refused with what to do. */
class EnrollmentLinkTest {
    private static final String FP = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void theQrOfSiteItsPageGivesAddressCodeAndPin() {
        EnrollmentLink l = EnrollmentLink.parse(" https://192.168.1.20:8443/pick/#enroll=AB12C-DE34F&fp=" + FP + "\n");
        assertThat(l.gatewayUrl()).isEqualTo("https://192.168.1.20:8443");
        assertThat(l.code()).isEqualTo("AB12C-DE34F");
        assertThat(l.caPin()).isEqualTo(FP);
        assertThat(EnrollmentLink.parse("https://[fd00::5]:8443/pick/#fp=" + FP + "&enroll=X%2BY").code())
                .isEqualTo("X+Y");
    }

    @Test
    void plainHttpAQrWithoutPinOrCodeAndOtherTextAreRefusedSayingWhy() {
        assertThatThrownBy(() -> EnrollmentLink.parse("http://gw:8080/pick/#enroll=A&fp=" + FP))
                .hasMessageContaining("HTTPS only");
        assertThatThrownBy(() -> EnrollmentLink.parse("https://gw:8443/pick/#enroll=A"))
                .hasMessageContaining("no CA fingerprint");
        assertThatThrownBy(() -> EnrollmentLink.parse("https://gw:8443/pick/#fp=" + FP))
                .hasMessageContaining("no code");
        assertThatThrownBy(() -> EnrollmentLink.parse("4006381333931")).hasMessageContaining("not an enrollment QR");
        assertThatThrownBy(() -> EnrollmentLink.parse("https://gw:8443/pick/#enroll=A&fp=" + FP + "00"))
                .hasMessageContaining("at most 64");
    }

    @Test
    void typedPartsTakeTheColonFormAndAtLeastSixteenHexDigits() {
        EnrollmentLink l = EnrollmentLink.typed("gw.local:8443/", " C0DE1-C0DE2 ", "01:23:45:67:89:AB:CD:EF");
        assertThat(l.gatewayUrl()).isEqualTo("https://gw.local:8443");
        assertThat(l.code()).isEqualTo("C0DE1-C0DE2");
        assertThat(l.caPin()).isEqualTo("0123456789abcdef");
        assertThatThrownBy(() -> EnrollmentLink.typed("gw:8443", "C", "01:23:45:67"))
                .hasMessageContaining("at least the first 16").hasMessageContaining("got 8");
        assertThatThrownBy(() -> EnrollmentLink.typed("http://gw:8080", "C", FP)).hasMessageContaining("https://");
        assertThatThrownBy(() -> EnrollmentLink.typed("gw:8443", " ", FP)).hasMessageContaining("enrollment code");
        assertThatThrownBy(() -> EnrollmentLink.typed("gw:8443", "C", "zz" + FP.substring(2)))
                .hasMessageContaining("hex digits");
    }
}

package dev.floorgate.pda.app.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What the enrollment QR on site IT's page carries, {@code https://HOST:PORT/pick/#enroll=CODE&fp=SHA256HEX}
 * (AdminController in gateway-server), or the same three parts typed in: the gateway's HTTPS address, the one-time
 * code and the site CA's SHA-256 fingerprint that the app pins. Plain HTTP is refused: the token must not cross the
 * Wi-Fi in clear text, and the pin is only worth something over TLS.
 */
public final class EnrollmentLink {
    /** Fewest hex digits of the fingerprint accepted when typed: 64 bits, far beyond forging a CA to match. */
    public static final int MIN_TYPED_PIN_HEX = 16;

    private final String gatewayUrl;
    private final String code;
    private final String caPin;

    public EnrollmentLink(String gatewayUrl, String code, String caPin) {
        this.gatewayUrl = gatewayUrl;
        this.code = code;
        this.caPin = caPin;
    }

    /** The QR's contents, scanned or pasted. */
    public static EnrollmentLink parse(String qr) {
        String text = qr == null ? "" : qr.trim();
        int hash = text.indexOf('#');
        if (!text.regionMatches(true, 0, "https://", 0, 8) || hash < 0) {
            if (text.regionMatches(true, 0, "http://", 0, 7)) {
                throw new IllegalArgumentException("That enrollment link is plain HTTP; the app talks HTTPS only. "
                        + "Turn HTTPS on at the gateway and make a new code.");
            }
            throw new IllegalArgumentException("That is not an enrollment QR (it should start with https:// and "
                    + "carry #enroll=)");
        }
        URI uri;
        try {
            uri = new URI(text.substring(0, hash));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The enrollment link's address is not valid: " + e.getReason(), e);
        }
        String code = null;
        String fp = null;
        for (String part : text.substring(hash + 1).split("&")) {
            if (part.startsWith("enroll=")) {
                code = decode(part.substring(7));
            } else if (part.startsWith("fp=")) {
                fp = part.substring(3);
            }
        }
        if (code == null || code.isEmpty()) {
            throw new IllegalArgumentException("The enrollment link has no code (#enroll=)");
        }
        if (fp == null) {
            throw new IllegalArgumentException("The enrollment link has no CA fingerprint (fp=): make a new code "
                    + "on site IT's page with HTTPS on");
        }
        String base = "https://" + uri.getRawAuthority();
        return typed(base, code, fp);
    }

    /** The parts typed on the enrollment screen: address (https:// added when left out), code, fingerprint. */
    public static EnrollmentLink typed(String address, String code, String fingerprint) {
        String a = address == null ? "" : address.trim();
        if (a.regionMatches(true, 0, "http://", 0, 7)) {
            throw new IllegalArgumentException("The gateway address must be https:// (the app talks HTTPS only)");
        }
        if (!a.regionMatches(true, 0, "https://", 0, 8)) {
            a = "https://" + a;
        }
        while (a.endsWith("/")) {
            a = a.substring(0, a.length() - 1);
        }
        if (a.length() <= 8) {
            throw new IllegalArgumentException("Type the gateway's address, e.g. 192.168.1.20:8443");
        }
        String c = code == null ? "" : code.trim();
        if (c.isEmpty()) {
            throw new IllegalArgumentException("Type the enrollment code");
        }
        String pin = normalizePin(fingerprint);
        return new EnrollmentLink(a, c, pin);
    }

    /** Hex digits only, lower case: accepts the colon form shown on site IT's page. */
    static String normalizePin(String fingerprint) {
        String hex = (fingerprint == null ? "" : fingerprint).replace(":", "").replace(" ", "").trim()
                .toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]*") || hex.length() > 64) {
            throw new IllegalArgumentException("The CA fingerprint must be hex digits (as site IT's page shows it), "
                    + "at most 64; got " + hex.length() + " characters");
        }
        if (hex.length() < MIN_TYPED_PIN_HEX) {
            throw new IllegalArgumentException("Type at least the first " + MIN_TYPED_PIN_HEX
                    + " hex digits of the CA fingerprint (got " + hex.length() + ")");
        }
        return hex;
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, "UTF-8");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 missing", e);
        }
    }

    public String gatewayUrl() {
        return gatewayUrl;
    }

    public String code() {
        return code;
    }

    /** The site CA's SHA-256 as lower-case hex: all 64 digits from a QR, at least 16 when typed. */
    public String caPin() {
        return caPin;
    }
}

package dev.floorgate.gateway.internal.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes the site CA and the server certificates it signs (BouncyCastle's certificate builder over the JDK's own
 * crypto provider; no provider is registered). Keys are EC P-256: fast to make on a small PC and accepted by every
 * browser and Android version a PDA runs.
 *
 * <p>The CA carries name constraints: it may only vouch for private, loopback and link-local addresses, the
 * addresses and DNS names it was made with (host name, {@code localhost}, the machine's addresses,
 * {@code fg.tls.names}), and the LAN-only suffixes {@code .local}, {@code .lan}, {@code .internal} and
 * {@code .home.arpa}. A PDA that trusts it therefore trusts nothing on the internet, even if the gateway's CA key
 * were stolen.
 */
final class CertificateIssuer {
    /** DNS suffixes a site CA may always vouch for: they never resolve on the internet. */
    static final List<String> LAN_DNS_SUFFIXES = List.of("local", "lan", "internal", "home.arpa");
    /** Address ranges a site CA may vouch for: RFC 1918, loopback, link-local, unique local IPv6. */
    static final List<String> LAN_IP_RANGES = List.of("10.0.0.0/255.0.0.0", "172.16.0.0/255.240.0.0",
            "192.168.0.0/255.255.0.0", "127.0.0.0/255.0.0.0", "169.254.0.0/255.255.0.0", "100.64.0.0/255.192.0.0",
            "::1/128", "fc00::/7", "fe80::/10");
    private static final String SIGNATURE = "SHA256withECDSA";
    /** Certificates start this long before "now", so a PDA whose clock is a little behind accepts them. */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private final SecureRandom random = new SecureRandom();

    KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        return g.generateKeyPair();
    }

    /** A self-signed CA named after the gateway, allowed to sign server certificates only for LAN names. */
    X509Certificate issueCa(KeyPair keys, String gatewayName, List<String> names, Instant now, Duration validity)
            throws GeneralSecurityException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "FloorGate")
                .addRDN(BCStyle.CN, "FloorGate site CA " + gatewayName + " " + now.toString().substring(0, 10))
                .build();
        List<GeneralSubtree> permitted = new ArrayList<>();
        for (String n : names) {
            if (!HostNames.isIpAddress(n)) {
                permitted.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, n)));
            } else if (!isLanAddress(n)) { // a LAN numbered from a public range: just this address
                permitted.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress,
                        n + (n.contains(":") ? "/128" : "/32"))));
            }
        }
        for (String suffix : LAN_DNS_SUFFIXES) {
            permitted.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, suffix)));
        }
        for (String range : LAN_IP_RANGES) {
            permitted.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, range)));
        }
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), subject, keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.nameConstraints, true,
                    new NameConstraints(permitted.toArray(new GeneralSubtree[0]), null));
            return sign(b, keys.getPrivate());
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot add an extension to the site CA: " + e.getMessage(), e);
        }
    }

    /** A server certificate for {@code names} (DNS names and IP literals), signed by the CA. */
    X509Certificate issueServer(KeyPair keys, List<String> names, X509Certificate ca, PrivateKey caKey, Instant now,
            Duration validity) throws GeneralSecurityException {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one name");
        }
        List<GeneralName> san = new ArrayList<>();
        for (String n : names) {
            san.add(new GeneralName(HostNames.isIpAddress(n) ? GeneralName.iPAddress : GeneralName.dNSName, n));
        }
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "FloorGate")
                .addRDN(BCStyle.CN, names.get(0)).build();
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(ca.getNotAfter().toInstant())) {
            notAfter = ca.getNotAfter().toInstant(); // a certificate cannot outlive its issuer
        }
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(now.minus(BACKDATE)),
                    Date.from(notAfter), subject, keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(san.toArray(new GeneralName[0])));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
            return sign(b, caKey);
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot add an extension to the server certificate: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a CA's permitted subtrees (as {@link Fingerprints#permittedSubtrees} reads them) allow {@code name}; a CA
     * without name constraints allows everything.
     */
    static boolean permitted(String name, List<GeneralName> subtrees) {
        if (subtrees.isEmpty()) {
            return true;
        }
        String n = name.toLowerCase(Locale.ROOT);
        boolean ip = HostNames.isIpAddress(n);
        byte[] address = ip ? literal(n) : null;
        for (GeneralName g : subtrees) {
            if (!ip && g.getTagNo() == GeneralName.dNSName) {
                String base = g.getName().toString().toLowerCase(Locale.ROOT);
                if (n.equals(base) || n.endsWith("." + base)) {
                    return true;
                }
            } else if (ip && address != null && g.getTagNo() == GeneralName.iPAddress) {
                byte[] range = ASN1OctetString.getInstance(g.getName()).getOctets();
                if (range.length == address.length * 2 && inRange(address, range)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean inRange(byte[] address, byte[] range) {
        int len = address.length;
        for (int i = 0; i < len; i++) {
            if ((address[i] & range[len + i]) != (range[i] & range[len + i])) {
                return false;
            }
        }
        return true;
    }

    private static byte[] literal(String ip) {
        try {
            return java.net.InetAddress.getByName(ip).getAddress(); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    static boolean isLanAddress(String ip) {
        try {
            java.net.InetAddress a = java.net.InetAddress.getByName(ip); // a literal: no lookup
            byte[] b = a.getAddress();
            if (b.length == 16) { // exactly the IPv6 ranges of LAN_IP_RANGES
                return a.isLoopbackAddress() || a.isLinkLocalAddress() || (b[0] & 0xfe) == 0xfc;
            }
            return a.isSiteLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress()
                    || ((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64);
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The DNS names and IP addresses in a certificate's subject alternative names. */
    static List<String> subjectAltNames(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    Object value = n.get(1);
                    if (value instanceof String) {
                        String v = ((String) value).toLowerCase(Locale.ROOT);
                        out.add(HostNames.isIpAddress(v) && v.contains(":") ? HostNames.compress(expand(v)) : v);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        return out;
    }

    /** Java prints certificate IPv6 names in full; bring them to the form of {@link HostNames}. */
    private static String expand(String ipv6) {
        try {
            return java.net.InetAddress.getByName(ipv6).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return ipv6;
        }
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + SIGNATURE + ": " + e.getMessage(), e);
        }
    }

    private BigInteger serial() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[0] &= 0x7f; // positive, as RFC 5280 requires
        return new BigInteger(1, b);
    }
}

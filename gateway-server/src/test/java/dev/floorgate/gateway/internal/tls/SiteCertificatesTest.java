package dev.floorgate.gateway.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's own site CA and server certificate: made once, kept, renewed, refused when damaged. */
class SiteCertificatesTest {
    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path dir;

    record Config(List<String> names, String keyStore, String keyStorePassword) implements TlsConfiguration {
        Config(List<String> names) {
            this(names, null, "");
        }

        @Override public boolean isEnabled() { return true; }
        @Override public String getKeyStore() { return keyStore; }
        @Override public String getKeyStorePassword() { return keyStorePassword; }
        @Override public String getKeyStoreType() { return "PKCS12"; }
        @Override public String getKeyAlias() { return null; }
        @Override public List<String> getNames() { return names; }
        @Override public String getStorePassword() { return "floorgate"; }
        @Override public Duration getServerValidity() { return Duration.ofDays(730); }
        @Override public Duration getCaValidity() { return Duration.ofDays(3650); }
        @Override public Duration getRenewBefore() { return Duration.ofDays(30); }
        @Override public Duration getCheckInterval() { return Duration.ofHours(1); }
    }

    SiteCertificates open(TlsConfiguration config, Instant at) {
        return new SiteCertificates(config, dir.resolve("tls"), "gw-test", Clock.fixed(at, ZoneOffset.UTC)).start();
    }

    /**
     * Validates the served chain at {@code at}: the JDK's PKIX validator (signatures, validity, CA and key usage
     * flags), then the root's name constraints against each of the leaf's names, as BoringSSL (Android, Chrome) and
     * OpenSSL apply a trust anchor's own constraints (the JDK does not; BouncyCastle's checker does it here).
     */
    static void validate(SiteCertificates.Served served, Instant at) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(served.root(), null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(List.of(served.leaf())), params);
        byte[] ext = served.root().getExtensionValue(Extension.nameConstraints.getId());
        if (ext != null) {
            PKIXNameConstraintValidator constraints = new PKIXNameConstraintValidator();
            constraints.intersectPermittedSubtree(NameConstraints.getInstance(ASN1OctetString.getInstance(ext)
                    .getOctets()).getPermittedSubtrees());
            byte[] san = served.leaf().getExtensionValue(Extension.subjectAlternativeName.getId());
            for (GeneralName name : GeneralNames.getInstance(ASN1OctetString.getInstance(san).getOctets())
                    .getNames()) {
                constraints.checkPermitted(name);
            }
        }
    }

    @Test
    void theFirstStartMakesACaAndAServerCertificateForLocalNamesAndTheSecondKeepsThem() throws Exception {
        SiteCertificates first = open(new Config(List.of()), NOW);
        X509Certificate ca = first.caCertificate();
        X509Certificate leaf = first.served().leaf();
        first.close();
        assertThat(ca.getBasicConstraints()).isZero();
        assertThat(ca.getSubjectX500Principal().getName()).contains("FloorGate site CA gw-test");
        assertThat(CertificateIssuer.subjectAltNames(leaf)).contains("localhost", "127.0.0.1", HostNames.hostName());
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        validate(first.served(), NOW);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls/site-ca.p12"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls"))))
                .isEqualTo("rwx------");

        SiteCertificates second = open(new Config(List.of()), NOW.plus(Duration.ofDays(10)));
        assertThat(second.caCertificate()).isEqualTo(ca);
        assertThat(second.served().leaf()).as("nothing changed: the same certificate").isEqualTo(leaf);
        second.close();
    }

    @Test
    void aNewNameOrAnApproachingExpiryIssuesANewServerCertificateFromTheSameCa() throws Exception {
        SiteCertificates a = open(new Config(List.of()), NOW);
        X509Certificate ca = a.caCertificate();
        X509Certificate leaf = a.served().leaf();
        a.close();

        SiteCertificates renamed = open(new Config(List.of("gw-sh01.lan", "10.20.30.40")), NOW);
        assertThat(renamed.caCertificate()).isEqualTo(ca);
        assertThat(renamed.served().leaf()).isNotEqualTo(leaf);
        assertThat(CertificateIssuer.subjectAltNames(renamed.served().leaf())).contains("gw-sh01.lan", "10.20.30.40");
        validate(renamed.served(), NOW);
        X509Certificate second = renamed.served().leaf();
        renamed.close();

        Instant late = second.getNotAfter().toInstant().minus(Duration.ofDays(5));
        SiteCertificates renewed = open(new Config(List.of("gw-sh01.lan", "10.20.30.40")), late);
        assertThat(renewed.served().leaf()).isNotEqualTo(second);
        assertThat(renewed.served().leaf().getNotAfter().toInstant()).isAfter(second.getNotAfter().toInstant());
        assertThat(renewed.caCertificate()).isEqualTo(ca);
        renewed.close();
    }

    @Test
    void aRunningGatewayRenewsAndTellsItsListenersWhenTheFileChanges() throws Exception {
        SiteCertificates s = open(new Config(List.of()), NOW);
        List<SiteCertificates.Served> seen = new ArrayList<>();
        s.onChange(seen::add);
        assertThat(s.check()).isFalse();
        Files.delete(dir.resolve("tls/server.p12")); // e.g. site IT removed it to force a new one
        assertThat(s.check()).isTrue();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).leaf()).isEqualTo(s.served().leaf());
        s.close();
    }

    @Test
    void theCaMayVouchOnlyForLanNamesSoAPublicNameAddedLaterIsLeftOutAndRefusedByValidation() throws Exception {
        open(new Config(List.of()), NOW).close();
        SiteCertificates s = open(new Config(List.of("shop.example.com", "8.8.8.8", "gw.site.lan")), NOW);
        List<String> names = CertificateIssuer.subjectAltNames(s.served().leaf());
        s.close();
        assertThat(names).contains("gw.site.lan"); // a LAN-only suffix: always permitted
        assertThat(names).as("public names added after the CA was made").doesNotContain("shop.example.com", "8.8.8.8");

        // A certificate for a name outside the constraints, signed with the CA's key, does not validate.
        KeyStoreFiles.Entry ca = KeyStoreFiles.read(dir.resolve("tls/site-ca.p12"), "PKCS12",
                "floorgate".toCharArray(), SiteCertificates.CA_ALIAS, "ca");
        CertificateIssuer issuer = new CertificateIssuer();
        KeyPair keys = issuer.newKeyPair();
        X509Certificate rogue = issuer.issueServer(keys, List.of("www.bank.example"), ca.chain()[0], ca.key(), NOW,
                Duration.ofDays(30));
        assertThatThrownBy(() -> validate(new SiteCertificates.Served(keys.getPrivate(),
                new X509Certificate[] {rogue, ca.chain()[0]}), NOW))
                .isInstanceOf(NameConstraintValidatorException.class).hasMessageContaining("not from a permitted subtree");
    }

    @Test
    void aDamagedCaStopsTheStartNamingTheFile() throws Exception {
        open(new Config(List.of()), NOW).close();
        Files.write(dir.resolve("tls/site-ca.p12"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> open(new Config(List.of()), NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("site-ca.p12")
                .hasMessageContaining("install that on every PDA");
    }

    @Test
    void aKeyStoreFromSiteItIsServedAsItIsWithItsLastCertificateAsTheCa() throws Exception {
        CertificateIssuer issuer = new CertificateIssuer();
        KeyPair caKeys = issuer.newKeyPair();
        X509Certificate ca = issuer.issueCa(caKeys, "corp", List.of("corp.lan"), NOW, Duration.ofDays(3650));
        KeyPair keys = issuer.newKeyPair();
        X509Certificate leaf = issuer.issueServer(keys, List.of("gw.corp.lan"), ca, caKeys.getPrivate(), NOW,
                Duration.ofDays(365));
        Path p12 = dir.resolve("site-it.p12");
        KeyStoreFiles.write(p12, "gateway", keys.getPrivate(), new X509Certificate[] {leaf, ca},
                "it-secret".toCharArray());

        SiteCertificates s = open(new Config(List.of(), p12.toString(), "it-secret"), NOW);
        assertThat(s.provided()).isTrue();
        assertThat(s.served().leaf()).isEqualTo(leaf);
        assertThat(s.caCertificate()).isEqualTo(ca);
        assertThat(Files.exists(dir.resolve("tls/site-ca.p12"))).as("no CA of our own").isFalse();
        s.close();

        assertThatThrownBy(() -> open(new Config(List.of(), p12.toString(), "wrong"), NOW))
                .hasMessageContaining("fg.tls.key-store").hasMessageContaining("site-it.p12");
    }

    @Test
    void fingerprintsAreWhatCertificateViewersShow() throws Exception {
        SiteCertificates s = open(new Config(List.of()), NOW);
        X509Certificate ca = s.caCertificate();
        s.close();
        assertThat(Fingerprints.sha256(ca)).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(Fingerprints.sha256(ca).replace(":", "").toLowerCase()).isEqualTo(Fingerprints.sha256Hex(ca));
        assertThat(Fingerprints.spkiSha256(ca)).hasSize(44);
        X509Certificate back = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(Fingerprints.pem(ca).getBytes()));
        assertThat(back).isEqualTo(ca);
        assertThat(HostNames.compress("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(HostNames.compress("fe80:0:0:0:fc:ff:fe00:1")).isEqualTo("fe80::fc:ff:fe00:1");
        assertThat(HostNames.compress("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
    }
}

package dev.floorgate.gateway.internal.tls;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;

/**
 * The site CA for PDAs to install: {@code GET /ca.crt} (DER, what Android's "Install certificate" and Zebra
 * StageNow take) and {@code GET /ca.pem}. Public on both ports: a CA certificate is no secret, and a device
 * checks it against the fingerprint on site IT's page or in the enrollment QR before trusting it.
 */
@Controller
@Requires(property = "fg.tls.enabled", notEquals = "false")
final class CaCertificateController {
    private final SiteCertificates certificates;

    CaCertificateController(SiteCertificates certificates) {
        this.certificates = certificates;
    }

    @Get("/ca.crt")
    HttpResponse<byte[]> der() throws CertificateEncodingException {
        return HttpResponse.ok(certificates.caCertificate().getEncoded())
                .contentType(MediaType.of("application/x-x509-ca-cert"))
                .header("Content-Disposition", "attachment; filename=\"floorgate-site-ca.crt\"")
                .header("X-FG-CA-SHA256", Fingerprints.sha256Hex(certificates.caCertificate()));
    }

    @Get("/ca.pem")
    HttpResponse<byte[]> pem() {
        return HttpResponse.ok(Fingerprints.pem(certificates.caCertificate()).getBytes(StandardCharsets.US_ASCII))
                .contentType(MediaType.of("application/x-pem-file"))
                .header("Content-Disposition", "attachment; filename=\"floorgate-site-ca.pem\"");
    }
}

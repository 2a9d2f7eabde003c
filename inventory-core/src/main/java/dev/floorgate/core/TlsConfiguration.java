package dev.floorgate.core;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code fg.core.tls.*}: HTTPS of the sync API (issue 14 item 6). Off by default (plain HTTP as before). On, the
 * core serves HTTPS only, on {@code fg.core.port}: with the certificate and key central IT gives it
 * ({@code cert} and {@code key}, PEM), or else with a self-signed certificate it makes once in {@code dir} and keeps
 * (its SHA-256 fingerprint is logged at every start, for the gateways to pin). With {@code client-ca} set, only
 * clients with a certificate issued by that CA get a connection (mutual TLS). Requests stay signed either way.
 * The environment variables are {@code FG_CORE_TLS_ENABLED}, {@code FG_CORE_TLS_CERT}, ...
 */
@ConfigurationProperties(TlsConfiguration.PREFIX)
public class TlsConfiguration {
    public static final String PREFIX = "fg.core.tls";
    /** {@code fg.core.tls.enabled}: serve HTTPS instead of HTTP (false). */
    private boolean enabled;
    /** {@code fg.core.tls.cert}: PEM file of the server certificate, leaf first, then intermediates (unset). */
    private String cert;
    /** {@code fg.core.tls.key}: PEM file of its private key, unencrypted PKCS#8, PKCS#1 or EC (unset). */
    private String key;
    /**
     * {@code fg.core.tls.dir}: folder of the self-signed certificate when cert and key are unset ({@code tls}): made
     * there at the first start as core-cert.pem and core-key.pem (owner-only) and used from there afterwards.
     */
    private String dir = "tls";
    /**
     * {@code fg.core.tls.names}: extra DNS names and IP addresses the self-signed certificate is made for, comma
     * separated; the host name, localhost, 127.0.0.1 and ::1 are always in (unset).
     */
    private String names;
    /** {@code fg.core.tls.client-ca}: PEM file of the CA(s) whose client certificates are required (unset = none). */
    private String clientCa;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getCert() {
        return cert;
    }

    public void setCert(String cert) {
        this.cert = cert;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getDir() {
        return dir;
    }

    public void setDir(String dir) {
        this.dir = dir;
    }

    public String getNames() {
        return names;
    }

    public void setNames(String names) {
        this.names = names;
    }

    public String getClientCa() {
        return clientCa;
    }

    public void setClientCa(String clientCa) {
        this.clientCa = clientCa;
    }
}

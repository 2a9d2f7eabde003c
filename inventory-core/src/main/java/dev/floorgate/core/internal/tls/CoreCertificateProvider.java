package dev.floorgate.core.internal.tls;

import io.micronaut.http.ssl.CertificateProvider;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Hands {@link CoreTls}'s key store (and the client CA's trust store) to Micronaut's HTTPS listener, which
 * {@link ServerSslSettings} points at this provider by name. Both are fixed for the life of the process.
 */
final class CoreCertificateProvider implements CertificateProvider {
    static final String NAME = "fg-core";
    private final CoreTls tls;

    CoreCertificateProvider(CoreTls tls) {
        this.tls = tls;
    }

    @Override
    public Publisher<KeyStore> getKeyStore() {
        return just(tls.keyStore());
    }

    @Override
    public Publisher<KeyStore> getTrustStore() {
        return tls.trustStore() == null ? CertificateProvider.super.getTrustStore() : just(tls.trustStore());
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** One value, then complete (no reactive library needed for that). */
    private static Publisher<KeyStore> just(KeyStore value) {
        return (Subscriber<? super KeyStore> s) -> {
            AtomicBoolean done = new AtomicBoolean();
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    if (n > 0 && done.compareAndSet(false, true)) {
                        s.onNext(value);
                        s.onComplete();
                    }
                }

                @Override
                public void cancel() {
                    done.set(true);
                }
            });
        };
    }
}

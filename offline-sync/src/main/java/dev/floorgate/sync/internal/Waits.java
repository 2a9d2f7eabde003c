package dev.floorgate.sync.internal;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded waits for outbox writes from engine threads (the writer answers every task; this guards a stuck disk). */
public final class Waits {
    /** How long an engine thread waits for one of its writes. */
    public static final long WRITE_TIMEOUT_SECONDS = 60;

    private Waits() {
    }

    /** The future's value; its failure, a timeout or an interrupt as an IOException naming {@code what}. */
    public static <T> T await(CompletableFuture<T> f, String what) throws IOException {
        try {
            return f.get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException ? (IOException) c : new IOException(what + " failed: " + c, c);
        } catch (TimeoutException e) {
            throw new IOException(what + " did not complete within " + WRITE_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting to " + what, e);
        }
    }
}

package dev.floorgate.gateway.internal.print;

import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.MemoryGuard;
import dev.floorgate.gateway.internal.ProblemCode;
import dev.floorgate.templates.PreviewOptions;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounds the work of previews (issue 22 finding 4: a dozen concurrent 600 dpi previews with a huge {@code ^PW} /
 * {@code ^LL} and many large fields ran the gateway out of heap). Three bounds, each answered at once:
 * <ul>
 *   <li>a pixel budget: the canvas (width x height dots) is worked out from the ZPL before anything is drawn and
 *       refused with PREVIEW_TOO_LARGE above {@code fg.limits.preview-max-pixels}; the renderer is also given the
 *       checked canvas as its maximum, so ZPL that hides its size from this scan (say behind {@code ^CC}) is
 *       clipped rather than drawn large;</li>
 *   <li>a concurrency limit: {@code fg.limits.preview-concurrency} previews draw at once and at most
 *       {@code fg.limits.preview-queue} more wait for a turn (site IT's page asks for every template's preview at
 *       once), each no longer than the timeout; one more is BUSY at once, so waiting is bounded in count and
 *       time;</li>
 *   <li>a timeout: a preview not drawn within {@code fg.limits.preview-timeout} is BUSY. Drawing cannot be
 *       stopped half way, so it keeps its permit until it ends: slow previews cannot pile up behind a timeout.</li>
 * </ul>
 * and the memory guard refuses previews while the heap is nearly full.
 */
public final class PreviewGuard implements AutoCloseable {
    /** A label format's width and length commands (ZPL is case-insensitive in command names). */
    private static final Pattern SIZE = Pattern.compile("\\^(PW|LL)\\s*(\\d{1,9})", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORMAT = Pattern.compile("\\^XA(.*?)(\\^XZ|$)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final long maxPixels;
    private final int concurrency;
    private final Duration timeout;
    private final MemoryGuard memory;
    private final Semaphore permits;
    private final int queue;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ExecutorService drawing;

    public PreviewGuard(long maxPixels, int concurrency, int queue, Duration timeout, MemoryGuard memory) {
        if (maxPixels < 100_000 || concurrency < 1 || queue < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("fg.limits.preview-max-pixels " + maxPixels + " must be at least "
                    + "100000, preview-concurrency " + concurrency + " at least 1, preview-queue " + queue
                    + " at least 0, preview-timeout " + timeout + " positive");
        }
        this.queue = queue;
        this.maxPixels = maxPixels;
        this.concurrency = concurrency;
        this.timeout = timeout;
        this.memory = memory;
        this.permits = new Semaphore(concurrency);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "preview-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.drawing = Executors.newFixedThreadPool(concurrency, threads);
    }

    /**
     * The renderer's dots per inch are not exactly the nominal dpi (203 is 8 dots per mm: 203.2), at most 1.6% more;
     * the canvas is counted with that margin (and one dot per side for rounding), so the clip handed to the
     * renderer stays inside the budget too.
     */
    private static final double DOTS_MARGIN = 1.016;

    /**
     * Checks a canvas of {@code widthDots} x {@code heightDots} at {@code dpi} against the budget.
     *
     * @throws GatewayProblem PREVIEW_TOO_LARGE naming the size and the budget
     */
    public void requireWithinBudget(long widthDots, long heightDots, int dpi) {
        double counted = (widthDots + 1) * DOTS_MARGIN * (heightDots + 1) * DOTS_MARGIN;
        if (counted > maxPixels) {
            throw new GatewayProblem(ProblemCode.PREVIEW_TOO_LARGE, "a preview of " + widthDots + " x " + heightDots
                    + " dots at " + dpi + " dpi is " + widthDots * heightDots + " pixels (" + Math.round(counted)
                    + " with the renderer's rounding); fg.limits.preview-max-pixels is " + maxPixels);
        }
    }

    /**
     * Checks raw ZPL's canvas (its first format's last {@code ^PW} and {@code ^LL}, 4 x 6 in when absent, as the
     * renderer takes them) against the budget and returns render options whose maximum canvas is that canvas:
     * a size this scan did not see (say behind {@code ^CC}) is clipped to what was checked.
     */
    public PreviewOptions optionsFor(String zpl, int dpi) {
        long width = Math.round(4.0 * dpi);
        long height = Math.round(6.0 * dpi);
        Matcher format = FORMAT.matcher(zpl);
        if (format.find()) {
            Matcher size = SIZE.matcher(format.group(1));
            while (size.find()) {
                long value = Long.parseLong(size.group(2));
                if (value > 0) {
                    if (size.group(1).equalsIgnoreCase("PW")) {
                        width = value;
                    } else {
                        height = value;
                    }
                }
            }
        }
        requireWithinBudget(width, height, dpi);
        // (dots + 1) / dpi inches: the renderer's floor(inches x its dots per inch) is at least the scanned size.
        double widthInches = Math.min(PreviewOptions.DEFAULT_MAX_WIDTH_INCHES, (width + 1.0) / dpi);
        double heightInches = Math.min(PreviewOptions.DEFAULT_MAX_HEIGHT_INCHES, (height + 1.0) / dpi);
        return PreviewOptions.defaults().withMaxCanvasInches(widthInches, heightInches);
    }

    /**
     * Draws with {@code render} under the concurrency limit and the timeout.
     *
     * @throws GatewayProblem BUSY when every permit is taken, the heap is short or the drawing is late; what
     *                        {@code render} throws otherwise
     */
    public <T> T draw(Supplier<T> render) {
        memory.require("a preview");
        long deadline = System.nanoTime() + timeout.toNanos();
        acquire();
        Future<T> result;
        try {
            result = drawing.submit(() -> {
                try {
                    return render.get();
                } finally {
                    permits.release();
                }
            });
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
        try {
            return result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new GatewayProblem(ProblemCode.BUSY, "the preview was not drawn within " + timeout.toMillis()
                    + " ms (fg.limits.preview-timeout)");
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new GatewayProblem(ProblemCode.BUSY, "the preview was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("preview failed: " + cause, cause);
        }
    }

    /** A permit now, or after waiting in the bounded queue up to the timeout; BUSY otherwise. */
    private void acquire() {
        if (permits.tryAcquire()) {
            return;
        }
        if (waiting.incrementAndGet() > queue) {
            waiting.decrementAndGet();
            throw new GatewayProblem(ProblemCode.BUSY, "already drawing " + concurrency + " previews "
                    + "(fg.limits.preview-concurrency) with " + queue + " waiting (fg.limits.preview-queue); try "
                    + "again in a moment");
        }
        try {
            if (!permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new GatewayProblem(ProblemCode.BUSY, "no preview turn within " + timeout.toMillis()
                        + " ms (fg.limits.preview-timeout)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayProblem(ProblemCode.BUSY, "the preview was interrupted while waiting for a turn");
        } finally {
            waiting.decrementAndGet();
        }
    }

    @Override
    public void close() {
        drawing.shutdownNow();
    }
}

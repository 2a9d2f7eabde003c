package dev.floorgate.pda.internal;

import dev.floorgate.protocol.Backoff;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The thread behind {@code OperationQueue.start()}: runs a round of work, then waits until new work arrives
 * (or {@code idleMillis} pass); after a failed round it waits the delay the work chose (exponential backoff),
 * which new work does not cut short, so a floor of PDAs does not hammer a gateway that is down. Only
 * {@link #wakeUp()} (the network came back) or {@link #stop} ends any wait.
 */
public final class SendLoop {
    private static final Logger LOG = Logger.getLogger(SendLoop.class.getName());

    /** One round of sending, and what to do when it fails. */
    public interface Work {
        /** Sends what is queued; throws what failed. */
        void run() throws IOException;

        /** Reports a failed round and returns how long to wait before the next, usually {@code backoff.next()}. */
        long failed(IOException cause, Backoff backoff);
    }

    private final Work work;
    private final Backoff backoff;
    private final long idleMillis;
    private final Thread thread;
    private final Object signal = new Object();
    private boolean workArrived;
    private boolean woken;
    private volatile boolean stopped;

    public SendLoop(String threadName, long idleMillis, Backoff backoff, Work work) {
        this.work = work;
        this.backoff = backoff;
        this.idleMillis = idleMillis;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Something new to send: ends an idle wait (not a backoff wait). */
    public void workArrived() {
        synchronized (signal) {
            workArrived = true;
            signal.notifyAll();
        }
    }

    /** Ends any wait now, a backoff wait included. */
    public void wakeUp() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Stops the thread and waits up to {@code joinMillis} for a round in progress to end. */
    public void stop(long joinMillis) {
        stopped = true;
        synchronized (signal) {
            signal.notifyAll();
        }
        if (Thread.currentThread() == thread) {
            return; // stopped by a listener on this thread: the loop ends when the listener returns
        }
        try {
            thread.join(joinMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            try {
                work.run();
                backoff.reset();
                await(idleMillis, true);
            } catch (IOException | RuntimeException e) {
                if (stopped) {
                    return;
                }
                if (e instanceof RuntimeException) {
                    LOG.log(Level.SEVERE, thread.getName() + ": a send round failed unexpectedly", e);
                }
                IOException cause = e instanceof IOException ? (IOException) e : new IOException(e.toString(), e);
                await(work.failed(cause, backoff), false);
            }
        }
    }

    private void await(long millis, boolean endOnWork) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (signal) {
            while (!stopped && !woken && !(endOnWork && workArrived)) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    break;
                }
                try {
                    signal.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            workArrived = false;
            woken = false;
        }
    }
}

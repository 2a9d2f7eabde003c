package dev.floorgate.gateway.internal.print;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The print spooler's settings, {@code fg.print.*}. (Site templates come from {@code fg.templates-dir}, read by
 * {@link TemplateService}.)
 *
 * <ul>
 *   <li>{@code fg.print.hold-poll-interval} (2s): while a printer's queue is held by a fault, how often its status
 *       is asked; the queue also resumes at once when the driver's own poll reports the printer ready.</li>
 *   <li>{@code fg.print.retention} (7d): finished jobs (PRINTED, FAILED) older than this are deleted, and with
 *       them the memory of their jobId; jobs that wait for a printer or a person are never deleted.</li>
 *   <li>{@code fg.print.max-queued-per-printer} (10000): jobs waiting at one printer before new ones are refused
 *       with 503 QUEUE_FULL.</li>
 *   <li>{@code fg.print.tenant-queue-limit} (0 = a fair share): jobs one tenant may have waiting at one printer
 *       before its new ones are refused with 429 TENANT_QUEUE_FULL, so no tenant fills a printer's queue for the
 *       others. Unset, a printer listing tenants gives each an equal share of max-queued-per-printer, a shared
 *       printer half of it.</li>
 *   <li>{@code fg.print.max-copies} (1000): the largest {@code copies} a job may ask for.</li>
 *   <li>{@code fg.print.confirm-poll-interval} (200ms): while jobs are SENT to a closed-loop printer, how often
 *       its buffer and label counter are looked at (PROTOCOLS.md 2.4).</li>
 *   <li>{@code fg.print.confirm-settle} (1s): how long a look showing lost labels must stay the same before the
 *       gateway acts on it (a printer reports a format a moment after receiving it).</li>
 *   <li>{@code fg.print.max-unconfirmed-per-printer} (50): jobs SENT and not yet confirmed at one printer before
 *       the next waits.</li>
 *   <li>{@code fg.print.shutdown-grace} (10s): on a polite stop, how long a job being sent may take to finish
 *       before its worker is interrupted (the job then shows MAYBE_PRINTED after the restart).</li>
 * </ul>
 */
@ConfigurationProperties(PrintConfiguration.PREFIX)
public interface PrintConfiguration {
    String PREFIX = "fg.print";

    @Bindable(defaultValue = "2s")
    Duration getHoldPollInterval();

    @Bindable(defaultValue = "7d")
    Duration getRetention();

    @Bindable(defaultValue = "10000")
    int getMaxQueuedPerPrinter();

    @Bindable(defaultValue = "0")
    int getTenantQueueLimit();

    @Bindable(defaultValue = "1000")
    int getMaxCopies();

    @Bindable(defaultValue = "10s")
    Duration getShutdownGrace();

    @Bindable(defaultValue = "200ms")
    Duration getConfirmPollInterval();

    @Bindable(defaultValue = "1s")
    Duration getConfirmSettle();

    @Bindable(defaultValue = "50")
    int getMaxUnconfirmedPerPrinter();
}

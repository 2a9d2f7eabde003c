package dev.floorgate.core;

import dev.floorgate.replenishment.ReplenishmentSettings;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * {@code fg.core.replenishment.*}: how much demand history the suggestions of {@code GET /v1/replenishment} read,
 * the settings of a SKU that has none of its own (CORE-API.md, "Replenishment"), and when the suggestions due for
 * an order are published as {@code replenishment.suggested} events (EVENTS.md; only with {@code fg.bus.uri}).
 * Checked at startup: a bad value stops the core with one line naming the key.
 */
@ConfigurationProperties(ReplenishmentConfiguration.PREFIX)
public class ReplenishmentConfiguration {
    public static final String PREFIX = "fg.core.replenishment";
    public static final int MAX_HISTORY_DAYS = 1096;

    /** {@code fg.core.replenishment.history-days}: days of ledger demand before today read per request (182). */
    private int historyDays = 182;
    /** {@code fg.core.replenishment.lead-time-days}: supplier lead time of a SKU without settings (7). */
    private int leadTimeDays = ReplenishmentSettings.DEFAULTS.leadTimeDays();
    /** {@code fg.core.replenishment.review-period-days}: days between two reviews of a SKU (7; 0 = continuous). */
    private int reviewPeriodDays = ReplenishmentSettings.DEFAULTS.reviewPeriodDays();
    /** {@code fg.core.replenishment.service-level}: cycle service level, 0.5..0.9999 (0.95). */
    private double serviceLevel = ReplenishmentSettings.DEFAULTS.serviceLevel();
    /** {@code fg.core.replenishment.moq}: minimum order quantity (0 = none). */
    private long moq = ReplenishmentSettings.DEFAULTS.moq();
    /** {@code fg.core.replenishment.pack-size}: orders are whole packs of this many units (1). */
    private long packSize = ReplenishmentSettings.DEFAULTS.packSize();
    /** {@code fg.core.replenishment.publish-interval}: how often suggestions go out as events (1d; 0 = never by
     * schedule, only {@code POST /v1/admin/replenishment/publish}). */
    private Duration publishInterval = Duration.ofDays(1);
    /** {@code fg.core.replenishment.publish-at}: UTC time of day the schedule is aligned to, HH:mm (02:00: after
     * the day's demand is complete, before planners start). */
    private String publishAt = "02:00";

    /** The publish interval, checked. @throws CoreConfigurationException when negative */
    public Duration publishInterval() {
        if (publishInterval == null || publishInterval.isNegative()) {
            throw new CoreConfigurationException(PREFIX + ".publish-interval must be 0 (off) or positive, was "
                    + publishInterval);
        }
        return publishInterval;
    }

    /** The time of day of the schedule. @throws CoreConfigurationException when it is not HH:mm */
    public LocalTime publishTime() {
        try {
            return LocalTime.parse(publishAt == null ? "" : publishAt.trim());
        } catch (DateTimeParseException e) {
            throw new CoreConfigurationException(PREFIX + ".publish-at must be a UTC time of day HH:mm, was '"
                    + publishAt + "'", e);
        }
    }

    /** The defaults as settings. @throws CoreConfigurationException naming the key that is out of range */
    public ReplenishmentSettings defaults() {
        if (historyDays < 1 || historyDays > MAX_HISTORY_DAYS) {
            throw new CoreConfigurationException(PREFIX + ".history-days must be 1.." + MAX_HISTORY_DAYS + ", was "
                    + historyDays);
        }
        try {
            return new ReplenishmentSettings(leadTimeDays, reviewPeriodDays, serviceLevel, moq, packSize);
        } catch (IllegalArgumentException e) {
            throw new CoreConfigurationException(PREFIX + ": " + e.getMessage()
                    .replace("leadTimeDays", "lead-time-days").replace("reviewPeriodDays", "review-period-days")
                    .replace("serviceLevel", "service-level").replace("packSize", "pack-size"), e);
        }
    }

    public int getHistoryDays() {
        return historyDays;
    }

    public void setHistoryDays(int historyDays) {
        this.historyDays = historyDays;
    }

    public int getLeadTimeDays() {
        return leadTimeDays;
    }

    public void setLeadTimeDays(int leadTimeDays) {
        this.leadTimeDays = leadTimeDays;
    }

    public int getReviewPeriodDays() {
        return reviewPeriodDays;
    }

    public void setReviewPeriodDays(int reviewPeriodDays) {
        this.reviewPeriodDays = reviewPeriodDays;
    }

    public double getServiceLevel() {
        return serviceLevel;
    }

    public void setServiceLevel(double serviceLevel) {
        this.serviceLevel = serviceLevel;
    }

    public long getMoq() {
        return moq;
    }

    public void setMoq(long moq) {
        this.moq = moq;
    }

    public long getPackSize() {
        return packSize;
    }

    public void setPackSize(long packSize) {
        this.packSize = packSize;
    }

    public Duration getPublishInterval() {
        return publishInterval;
    }

    public void setPublishInterval(Duration publishInterval) {
        this.publishInterval = publishInterval;
    }

    public String getPublishAt() {
        return publishAt;
    }

    public void setPublishAt(String publishAt) {
        this.publishAt = publishAt;
    }
}

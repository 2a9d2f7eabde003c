package dev.floorgate.gateway.internal.packing;

import dev.floorgate.gateway.GatewayConfigurationException;
import dev.floorgate.rates.RateCards;
import dev.floorgate.rates.RateShopper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants' rate cards, {@code fg.rate-cards-dir}: one folder per tenant ({@code <dir>/<tenant>/}, cards as
 * docs/RATE-CARDS.md describes them), all loaded at start. A bad card stops the start with one line naming the file
 * (the rate-shopping module's message: file, line, field), so it is found when it is deployed, not when a packer
 * waits. A tenant without a folder has no rates: its quotes are refused (422 NO_RATES), its other work goes on.
 * No directory configured: no tenant has rates. Immutable once loaded: a new card takes a restart.
 */
public final class RateCardDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(RateCardDirectory.class);
    private final Path dir;
    private final Map<String, RateShopper> shoppers;

    private RateCardDirectory(Path dir, Map<String, RateShopper> shoppers) {
        this.dir = dir;
        this.shoppers = shoppers;
    }

    /** Loads every tenant folder of {@code dir}; null or blank {@code dir}: none. */
    public static RateCardDirectory load(String dir) {
        Map<String, RateShopper> shoppers = new TreeMap<>();
        if (dir == null || dir.isBlank()) {
            LOG.info("fg.rate-cards-dir is not set: no tenant has rate cards, the packing station cannot quote");
            return new RateCardDirectory(null, shoppers);
        }
        Path root = Path.of(dir);
        if (!Files.isDirectory(root)) {
            throw new GatewayConfigurationException("fg.rate-cards-dir: " + root + " is not a directory");
        }
        try (DirectoryStream<Path> tenants = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path t : tenants) {
                String tenant = t.getFileName().toString();
                RateCards cards;
                try {
                    cards = RateCards.load(t);
                } catch (IllegalArgumentException | IOException e) {
                    throw new GatewayConfigurationException("fg.rate-cards-dir: tenant " + tenant + ": "
                            + e.getMessage(), e);
                }
                shoppers.put(tenant, new RateShopper(cards));
                LOG.info("rate cards of tenant {}: {}", tenant, cards.services());
            }
        } catch (IOException e) {
            throw new GatewayConfigurationException("fg.rate-cards-dir: cannot read " + root + ": " + e.getMessage(),
                    e);
        }
        return new RateCardDirectory(root, shoppers);
    }

    /** The tenant's shopper; empty when the tenant has no folder. */
    public Optional<RateShopper> shopper(String tenant) {
        return Optional.ofNullable(shoppers.get(tenant));
    }

    /** Where a tenant's cards would be, for messages. */
    public String folderOf(String tenant) {
        return dir == null ? "(fg.rate-cards-dir is not set)" : dir.resolve(tenant).toString();
    }
}

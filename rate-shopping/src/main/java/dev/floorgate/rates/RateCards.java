package dev.floorgate.rates;

import dev.floorgate.rates.internal.CardParser;
import dev.floorgate.rates.internal.RateCard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A tenant's rate cards, loaded from one directory (docs/RATE-CARDS.md): every {@code *.yml} / {@code *.yaml}
 * file under it is one version of one carrier service. Loading is all or nothing: any problem in any file is an
 * IllegalArgumentException naming the file, line and field, so a bad card is found when it is deployed, not
 * when a packer is waiting for a price.
 */
public final class RateCards {
    /** Cards live at most a few folders deep (tenant/carrier/file); deeper is a mistake, not a layout. */
    private static final int MAX_DEPTH = 4;

    private final Map<String, List<RateCard>> byService;

    private RateCards(Map<String, List<RateCard>> byService) {
        this.byService = byService;
    }

    public static RateCards load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("rate card directory " + dir + " does not exist or is not a directory");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir, MAX_DEPTH)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yml") || p.getFileName().toString().endsWith(".yaml"))
                    .sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no rate cards (*.yml, *.yaml) in " + dir);
        }
        List<RateCard> cards = new ArrayList<>();
        for (Path f : files) {
            String name = f.toString();
            cards.add(CardParser.load(f, name));
        }
        return of(cards);
    }

    static RateCards of(List<RateCard> cards) {
        RateCard first = cards.get(0);
        Map<String, List<RateCard>> byService = new LinkedHashMap<>();
        for (RateCard c : cards) {
            if (!c.currency().equals(first.currency())) {
                // one currency per tenant: quotes are compared by price, and comparing EUR with CHF needs a rate
                throw new IllegalArgumentException(c.file() + ", currency: " + c.currency() + " differs from "
                        + first.currency() + " in " + first.file() + "; a tenant's cards share one currency");
            }
            byService.computeIfAbsent(c.carrier() + " " + c.service(), k -> new ArrayList<>()).add(c);
        }
        for (List<RateCard> versions : byService.values()) {
            versions.sort(Comparator.comparingInt(RateCard::version));
            for (int i = 1; i < versions.size(); i++) {
                RateCard older = versions.get(i - 1);
                RateCard newer = versions.get(i);
                if (newer.version() == older.version()) {
                    throw new IllegalArgumentException(newer.file() + ", version: " + newer.label()
                            + " is also in " + older.file());
                }
                if (!newer.effectiveFrom().isAfter(older.effectiveFrom())) {
                    throw new IllegalArgumentException(newer.file() + ", effectiveFrom: " + newer.label() + " from "
                            + newer.effectiveFrom() + " must start after v" + older.version() + " (" + older.file()
                            + ", from " + older.effectiveFrom() + ")");
                }
            }
        }
        return new RateCards(byService);
    }

    /** "carrier service" of every service with at least one card, in file order. */
    public List<String> services() {
        return List.copyOf(byService.keySet());
    }

    /** The versions loaded for a service, oldest first, as "v3 from 2026-01-01 (file)". */
    public List<String> versions(String carrier, String service) {
        List<RateCard> v = byService.getOrDefault(carrier + " " + service, List.of());
        return v.stream().map(c -> "v" + c.version() + " from " + c.effectiveFrom() + " (" + c.file() + ")").toList();
    }

    Map<String, List<RateCard>> byService() {
        return byService;
    }

    /** The newest version in effect on the date, or null. */
    static RateCard inEffect(List<RateCard> versions, LocalDate date) {
        RateCard found = null;
        for (RateCard c : versions) {
            if (!c.effectiveFrom().isAfter(date)) {
                found = c;
            }
        }
        return found;
    }
}

package dev.floorgate.bench;

import dev.floorgate.rates.Destination;
import dev.floorgate.rates.Parcel;
import dev.floorgate.rates.Quotes;
import dev.floorgate.rates.RateCards;
import dev.floorgate.rates.RateShopper;
import dev.floorgate.rates.Shipment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Rate-shopping time per shipment at a packing station (issue 17): quotes on 10 carriers' cards (2 versions each,
 * 10 postcode zones for DE plus 20 country zones, 30 weight breaks per zone), shipments of 1 to 3 parcels to
 * random destinations. Also the load time of the 20 card files. One thread.
 *
 * <pre>./floorgate bench RateShoppingBench [--shipments 200000]</pre>
 */
public final class RateShoppingBench {
    static final String[] COUNTRIES = {"AT", "BE", "CH", "CZ", "DK", "ES", "FI", "FR", "GB", "HU", "IE", "IT", "LU",
        "NL", "NO", "PL", "PT", "SE", "SI", "SK"};

    private RateShoppingBench() {
    }

    public static void main(String[] args) throws IOException {
        int shipments = 200_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].equals("--shipments")) {
                throw new IllegalArgumentException("unknown option " + args[i] + " (--shipments)");
            }
            shipments = Integer.parseInt(args[i + 1]);
        }
        Path dir = Files.createTempDirectory("rate-cards-bench");
        try {
            for (int c = 0; c < 10; c++) {
                Files.writeString(dir.resolve("carrier" + c + "-v1.yml"), card(c, 1, "2026-01-01"));
                Files.writeString(dir.resolve("carrier" + c + "-v2.yml"), card(c, 2, "2026-06-01"));
            }
            long loadStart = System.nanoTime();
            RateCards cards = RateCards.load(dir);
            double loadMs = (System.nanoTime() - loadStart) / 1e6;
            RateShopper shopper = new RateShopper(cards);
            List<Shipment> work = shipments(new Random(17), 10_000);
            long sink = 0;
            for (int round = 0; round < 5; round++) {   // warm up
                for (Shipment s : work) {
                    sink += shopper.quote(s).quotes().size();
                }
            }
            long start = System.nanoTime();
            long quotes = 0;
            for (int i = 0; i < shipments; i++) {
                Quotes q = shopper.quote(work.get(i % work.size()));
                quotes += q.quotes().size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("loaded 20 cards (10 carriers x 2 versions) in %.0f ms (first load, cold JVM)%n", loadMs);
            System.out.printf("%d shipments in %.2f s: %.1f us per shipment, %.0f shipments/s, %.1f quotes per shipment"
                    + " (sink %d)%n", shipments, seconds, seconds * 1e6 / shipments, shipments / seconds,
                    (double) quotes / shipments, sink);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    static List<Shipment> shipments(Random r, int n) {
        List<Shipment> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Destination d = r.nextBoolean()
                    ? new Destination("DE", String.format("%05d", r.nextInt(100_000)), r.nextBoolean())
                    : new Destination(COUNTRIES[r.nextInt(COUNTRIES.length)], String.valueOf(1000 + r.nextInt(9000)),
                            r.nextBoolean());
            List<Parcel> parcels = new ArrayList<>();
            for (int p = 0, k = 1 + r.nextInt(3); p < k; p++) {
                parcels.add(new Parcel(100 + r.nextInt(35_000), 100 + r.nextInt(900), 100 + r.nextInt(500),
                        50 + r.nextInt(400)));
            }
            out.add(new Shipment(d, parcels, LocalDate.of(2026, 1 + r.nextInt(12), 1)));
        }
        return out;
    }

    /** A synthetic card: prices differ per carrier so the sort has work to do. */
    static String card(int carrier, int version, String from) {
        StringBuilder b = new StringBuilder();
        b.append("format: 1\ncarrier: carrier").append(carrier).append("\nservice: standard\nversion: ").append(version)
                .append("\neffectiveFrom: ").append(from).append("\ncurrency: EUR\ndimensionalDivisor: ")
                .append(carrier % 2 == 0 ? 5000 : 6000).append("\nbillableIncrement: 0.5\nfuelSurchargePercent: ")
                .append(8 + carrier).append(".5\n")
                .append("fees: { handling: 1.20, residential: 2.10, oversize: { fee: 20.00, longestSideOver: 100 } }\n")
                .append("limits: { maxWeight: 31.5, maxLength: 120, maxLengthPlusGirth: 300 }\nzones:\n");
        List<String> zones = new ArrayList<>();
        for (int z = 0; z < 10; z++) {
            zones.add("DE" + z);
            b.append("  - { name: DE").append(z).append(", transitDays: ").append(1 + (z + carrier) % 3)
                    .append(", destinations: [ { country: DE, postcodes: [\"").append(z).append("0..").append(z)
                    .append("9\"] } ] }\n");
        }
        for (String c : COUNTRIES) {
            zones.add(c);
            b.append("  - { name: ").append(c).append(", transitDays: ").append(2 + (c.charAt(0) + carrier) % 4)
                    .append(", destinations: [ { country: ").append(c).append(" } ] }\n");
        }
        b.append("rates:\n");
        for (int z = 0; z < zones.size(); z++) {
            b.append("  ").append(zones.get(z)).append(":\n    breaks:\n");
            for (int k = 1; k <= 30; k++) {
                long cents = 500 + 37L * carrier + 11L * z + 95L * k + 5L * version;
                b.append("      - { upTo: ").append(k).append(", price: ").append(cents / 100).append('.')
                        .append(String.format("%02d", cents % 100)).append(" }\n");
            }
            b.append("    above: { every: 0.5, price: 0.90 }\n");
        }
        return b.toString();
    }
}

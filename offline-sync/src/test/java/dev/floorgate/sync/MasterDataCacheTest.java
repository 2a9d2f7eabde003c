package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterDataCacheTest {
    @TempDir
    Path dir;
    MasterDataCache cache;

    @BeforeEach
    void open() throws IOException {
        cache = MasterDataCache.open(dir.resolve("cache.db"));
        cache.apply(Arrays.asList(
                new SkuItem("acme", "SKU-123", "Widget", "EA", Arrays.asList("09501101530003", "12345670"),
                        Arrays.asList("ACME-W-1")),
                new SkuItem("acme", "SKU-UPC", "Soda", "EA", Arrays.asList("036000291452"), List.of()),
                new SkuItem("globex", "G-1", "Other tenant", "EA", Arrays.asList("09501101530003"), List.of()),
                new LocationItem("acme", "SH01", "A-01-03", "BIN"),
                new OrderItem("acme", "SH01", "SO-1", "RESERVED", Arrays.asList(
                        new OrderLine(1, "SKU-123", 3, 3, 0, "A-01-03"),
                        new OrderLine(2, "SKU-UPC", 2, 2, 2, "A-01-04"))),
                new OrderItem("acme", "SH01", "SO-2", "PARTIAL", Arrays.asList(
                        new OrderLine(1, "SKU-123", 5, 5, 1, "A-01-03"))),
                new OrderItem("acme", "SH01", "SO-3", "SHIPPED", Arrays.asList(
                        new OrderLine(1, "SKU-123", 1, 1, 0, "A-01-03"))),
                new OrderItem("acme", "SH02", "SO-4", "RESERVED", Arrays.asList(
                        new OrderLine(1, "SKU-123", 1, 1, 0, "B-01-01"))),
                new OrderItem("globex", "SH01", "SO-5", "RESERVED", Arrays.asList(
                        new OrderLine(1, "G-1", 1, 1, 0, "A-01-03")))));
    }

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void aGtinIsFoundInEveryLengthAndABarcodeAsWritten() {
        assertThat(cache.findSkuByCode("acme", "09501101530003")).map(SkuItem::sku).contains("SKU-123"); // GTIN-14
        assertThat(cache.findSkuByCode("acme", "9501101530003")).map(SkuItem::sku).contains("SKU-123"); // GTIN-13
        assertThat(cache.findSkuByCode("acme", "12345670")).map(SkuItem::sku).contains("SKU-123"); // GTIN-8
        assertThat(cache.findSkuByCode("acme", "00000012345670")).map(SkuItem::sku).contains("SKU-123");
        assertThat(cache.findSkuByCode("acme", "00036000291452")).map(SkuItem::sku).contains("SKU-UPC"); // UPC-A
        assertThat(cache.findSkuByCode("acme", "ACME-W-1")).map(SkuItem::sku).contains("SKU-123");
        assertThat(cache.findSkuByCode("acme", "acme-w-1")).isEmpty();
        assertThat(cache.findSkuByCode("acme", "9501101530010")).isEmpty();
        assertThat(cache.findSkuByCode("globex", "9501101530003")).map(SkuItem::sku).contains("G-1");
        assertThat(cache.findSkuByCode("initech", "9501101530003")).isEmpty();
    }

    @Test
    void skusLocationsAndOrdersAreFoundByTheirKeysPerTenant() {
        SkuItem sku = cache.findSku("acme", "SKU-123").orElseThrow();
        assertThat(sku.gtins()).containsExactly("09501101530003", "12345670");
        assertThat(sku.barcodes()).containsExactly("ACME-W-1");
        assertThat(sku.unit()).isEqualTo("EA");
        assertThat(cache.skuExists("globex", "SKU-123")).isFalse();
        assertThat(cache.locationExists("acme", "SH01", "A-01-03")).isTrue();
        assertThat(cache.locationExists("acme", "SH02", "A-01-03")).isFalse();
        assertThat(cache.findLocation("acme", "SH01", "A-01-03")).map(LocationItem::type).contains("BIN");
        OrderItem order = cache.findOrder("acme", "SH01", "SO-1").orElseThrow();
        assertThat(order.status()).isEqualTo("RESERVED");
        assertThat(order.lines()).extracting(OrderLine::lineNo).containsExactly(1, 2);
        assertThat(cache.findOrder("globex", "SH01", "SO-1")).isEmpty();
    }

    @Test
    void openPickTasksAreLinesWithSomethingLeftToPickOfOpenOrders() throws IOException {
        List<PickTask> tasks = cache.openPickTasks("acme", "SH01");

        assertThat(tasks).extracting(t -> t.orderNo() + "/" + t.lineNo() + " " + t.sku() + "@" + t.location()
                + " x" + t.remaining()).containsExactly("SO-1/1 SKU-123@A-01-03 x3", "SO-2/1 SKU-123@A-01-03 x4");

        cache.apply(List.of(new OrderItem("acme", "SH01", "SO-1", "PICKED", Arrays.asList(
                new OrderLine(1, "SKU-123", 3, 3, 3, "A-01-03")))));
        assertThat(cache.openPickTasks("acme", "SH01")).extracting(PickTask::orderNo).containsExactly("SO-2");
        assertThat(cache.findOrder("acme", "SH01", "SO-1").orElseThrow().lines()).hasSize(1);
        assertThat(cache.openPickTasks("globex", "SH01")).extracting(PickTask::orderNo).containsExactly("SO-5");
    }

    @Test
    void theCacheKnowsWhichTenantsItHasDataFor() {
        assertThat(cache.hasSkus("acme")).isTrue();
        assertThat(cache.hasSkus("initech")).isFalse();
        assertThat(cache.hasLocations("acme", "SH01")).isTrue();
        assertThat(cache.hasLocations("globex", "SH01")).isFalse();
        assertThat(cache.cacheAge()).as("seeded, never polled").isEmpty();
    }

    @Test
    void theDataSurvivesReopening() throws IOException {
        cache.close();
        cache = MasterDataCache.open(dir.resolve("cache.db"));
        assertThat(cache.skuExists("acme", "SKU-123")).isTrue();
        assertThat(cache.openPickTasks("acme", "SH01")).hasSize(2);
    }
}

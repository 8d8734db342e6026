package dev.fulfilment.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulfilment.inventory.product.Product;
import dev.fulfilment.inventory.product.ProductRepository;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A catalogue of ten thousand products, listed page by page. */
@QuarkusTest
class CatalogueAtScaleTests {

    private static final int PRODUCTS = 10_000;
    private static final int MAX_PAGE = 100;

    @Inject
    ProductRepository products;

    @Test
    void tenThousandProductsAreListedEachOnceInPagesOfAtMostAHundred() {
        var prefix = "BULK-" + UUID.randomUUID().toString().substring(0, 4).toUpperCase() + "-";
        try (var executor = Executors.newFixedThreadPool(16)) {
            IntStream.range(0, PRODUCTS)
                    .forEach(i -> executor.submit(() -> products.addIfMissing(
                            new Product(prefix + i, "Bulk product " + i, new BigDecimal("1.00"), 1, 0, 1))));
        }

        var listed = new HashSet<String>();
        var pages = 0;
        var largestBody = 0;
        String cursor = null;
        do {
            var request = given().queryParam("limit", MAX_PAGE);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var response = request.get("/inventory").then().statusCode(200).extract();
            var skus = response.jsonPath().<String>getList("items.sku");
            assertThat(skus).hasSizeLessThanOrEqualTo(MAX_PAGE);
            skus.stream()
                    .filter(sku -> sku.startsWith(prefix))
                    .forEach(sku -> assertThat(listed.add(sku))
                            .as(sku + " listed twice")
                            .isTrue());
            largestBody = Math.max(largestBody, response.body().asByteArray().length);
            cursor = response.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(listed).hasSize(PRODUCTS);
        assertThat(pages).isGreaterThanOrEqualTo(PRODUCTS / MAX_PAGE);
        assertThat(largestBody).as("bytes of the largest page").isLessThan(32 * 1024);
    }
}

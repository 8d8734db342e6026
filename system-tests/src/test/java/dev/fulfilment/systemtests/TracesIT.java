package dev.fulfilment.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulfilment.devstack.Service;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** One trace per order, through the three services and the four queue hops, in the trace UI. */
@ExtendWith(RunningSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TracesIT {

    private final RunningSystem system;
    private final Shop shop;

    TracesIT(RunningSystem system) {
        this.system = system;
        this.shop = new Shop(system);
    }

    @Test
    @Order(1)
    void anOrdersTraceHasEveryHopFromEveryServiceWithTheOrderId() {
        var sku = shop.newProduct(5);
        var traceId = HexFormat.of().formatHex(randomBytes(16));
        var orderId = UUID.fromString(shop.asCustomer(Service.ORDER, "traced-customer")
                .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01")
                .contentType(ContentType.JSON)
                .body(Shop.orderBody(sku, 1))
                .post("/orders")
                .then()
                .statusCode(202)
                .extract()
                .path("id"));
        shop.awaitStatus(orderId, "CONFIRMED");

        var expected = List.of(
                "order-service post /orders",
                "inventory-service inventory-commands process",
                "order-service order-events process",
                "shipping-service shipping-commands process");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    var spans = spansOf(traceId);
                    var named = spans.stream().map(TracesIT::serviceAndName).toList();
                    assertThat(named).as("spans of the trace").containsAll(expected);
                    assertThat(named)
                            .as("the database statements and DynamoDB calls the order's work made")
                            .anyMatch(name -> name.startsWith("order-service insert"))
                            .anyMatch(name -> name.startsWith("shipping-service insert"))
                            .anyMatch(name -> name.startsWith("inventory-service dynamodb.transactwriteitems"));
                    assertThat(spans.stream()
                                    .filter(span -> serviceAndName(span).endsWith(" process"))
                                    .map(span -> ((Map<?, ?>) span.get("tags")).get("order.id")))
                            .as("order.id of every message span")
                            .hasSizeGreaterThanOrEqualTo(4)
                            .allMatch(orderId.toString()::equals);
                });
    }

    @Test
    @Order(2)
    void noTraceStartsAtADatabaseStatementOrAnAwsCall() {
        // The outbox relays poll their tables all the time, and the health checks read
        // the table and the database: none of that may become a trace of its own.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<List<Map<String, Object>>> traces = given().baseUri(system.zipkinUrl())
                    .queryParam("limit", 1000)
                    .queryParam("lookback", Duration.ofMinutes(10).toMillis())
                    .get("/api/v2/traces")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("");
            assertThat(traces).isNotEmpty();
            assertThat(traces.stream()
                            .map(trace -> trace.stream()
                                    .filter(span -> span.get("parentId") == null)
                                    .map(span -> serviceAndName(span) + " (" + span.get("kind") + ")")
                                    .toList()))
                    .as("the roots of every trace")
                    .allSatisfy(roots -> assertThat(roots)
                            .allMatch(root -> root.endsWith("(SERVER)") || root.endsWith("(CONSUMER)")));
        });
    }

    @Test
    @Order(3)
    void anOrderReadHasItsStatementsInItsTrace() {
        // GET /orders/{id} reads with plain JDBC (OrderReads), not through Hibernate: its
        // statements must still be spans of the request, or a slow read cannot be told apart.
        var sku = shop.newProduct(5);
        var orderId = shop.placeOrder(sku, 1);
        var traceId = HexFormat.of().formatHex(randomBytes(16));
        shop.asOperator(Service.ORDER)
                .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01")
                .get("/orders/" + orderId)
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(spansOf(traceId).stream()
                                .map(TracesIT::serviceAndName)
                                .toList())
                        .as("spans of the read's trace")
                        .contains("order-service get /orders/{id}")
                        .anyMatch(name -> name.startsWith("order-service select")));
    }

    private List<Map<String, Object>> spansOf(String traceId) {
        return given().baseUri(system.zipkinUrl())
                .get("/api/v2/trace/" + traceId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
    }

    @SuppressWarnings("unchecked")
    private static String serviceAndName(Map<String, Object> span) {
        var endpoint = (Map<String, Object>) span.get("localEndpoint");
        return endpoint.get("serviceName") + " " + span.get("name");
    }

    private static byte[] randomBytes(int length) {
        var bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}

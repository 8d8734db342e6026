package dev.fulfilment.order;

import static dev.fulfilment.order.Orders.asCustomer;
import static dev.fulfilment.order.Orders.asOperator;
import static dev.fulfilment.order.Orders.body;
import static dev.fulfilment.order.Orders.place;
import static dev.fulfilment.order.Orders.uniqueCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.fulfilment.contracts.ContractValidator;
import dev.fulfilment.testkit.QueueProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sqs.SqsClient;

@QuarkusTest
class OrderApiTests {

    @Inject
    SqsClient sqs;

    private final ContractValidator contracts = new ContractValidator();

    @Test
    void placingAnOrderAnswers202WithLocationAndSendsReserveInventoryInTheCallersTrace() {
        var customer = uniqueCustomer();
        var traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        var response = asCustomer(customer)
                .contentType(ContentType.JSON)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .body(body("KEYBOARD-01", 2))
                .when()
                .post("/orders")
                .then()
                .statusCode(202)
                .body("status", equalTo("PENDING"))
                .body("customerId", equalTo(customer))
                .body("lines[0].quantity", equalTo(2))
                .body("timeline[0].status", equalTo("PENDING"))
                .extract();
        var orderId = UUID.fromString(response.path("id"));
        // Relative: behind the load balancer an absolute one would say http:// and the client's Host.
        assertThat(response.header("Location")).isEqualTo("/orders/" + orderId);

        var command = QueueProbe.of(sqs, "inventory-commands").awaitMessage(orderId, "ReserveInventory");
        assertThat(contracts.violations(command.body())).isEmpty();
        assertThat(command.attributes()).containsEntry("type", "ReserveInventory");
        assertThat(command.attributes().get("traceparent")).startsWith("00-" + traceId + "-");
        assertThat(command.body().at("/payload/lines/0/sku").asText()).isEqualTo("KEYBOARD-01");
    }

    @Test
    void theSameIdempotencyKeyAndBodyReplayTheFirstResponseAndPlaceOneOrder() {
        var customer = uniqueCustomer();
        var key = UUID.randomUUID().toString();

        var first = asCustomer(customer)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body("MOUSE-01", 1))
                .when()
                .post("/orders")
                .then()
                .statusCode(202)
                .extract();
        var second = asCustomer(customer)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body("MOUSE-01", 1))
                .when()
                .post("/orders")
                .then()
                .statusCode(202)
                .header("Idempotent-Replayed", "true")
                .extract();

        assertThat(second.asString()).isEqualTo(first.asString());
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        asCustomer(customer).when().get("/orders").then().body("items", hasSize(1));
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIs422AndPlacesNothing() {
        var customer = uniqueCustomer();
        var key = UUID.randomUUID().toString();
        asCustomer(customer)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body("MOUSE-01", 1))
                .when()
                .post("/orders")
                .then()
                .statusCode(202);

        asCustomer(customer)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body("MOUSE-01", 3))
                .when()
                .post("/orders")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/idempotency-key-reused"));

        asCustomer(customer).when().get("/orders").then().body("items", hasSize(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON            | {"lines":[                                                                     | ''
            zero quantity             | QUANTITY 0                                                                     | lines[0].quantity
            negative quantity         | QUANTITY -3                                                                    | lines[0].quantity
            quantity too large        | QUANTITY 1001                                                                  | lines[0].quantity
            quantity not a number     | QUANTITY "many"                                                                | lines[0].quantity
            fractional quantity       | QUANTITY 1.5                                                                   | lines[0].quantity
            quantity as a string      | QUANTITY "1"                                                                   | lines[0].quantity
            missing quantity          | {"lines":[{"sku":"MOUSE-01"}],"shippingAddress":ADDRESS}                       | lines[0].quantity
            empty lines               | {"lines":[],"shippingAddress":ADDRESS}                                         | lines
            lower-case sku            | {"lines":[{"sku":"mouse","quantity":1}],"shippingAddress":ADDRESS}             | lines[0].sku
            sku as a number           | {"lines":[{"sku":42,"quantity":1}],"shippingAddress":ADDRESS}                  | lines[0].sku
            duplicate sku             | {"lines":[{"sku":"MOUSE-01","quantity":1},{"sku":"MOUSE-01","quantity":2}],"shippingAddress":ADDRESS} | lines[1].sku
            unknown field             | {"lines":[{"sku":"MOUSE-01","quantity":1}],"shippingAddress":ADDRESS,"discount":50} | discount
            a customer of its choice  | {"customerId":"someone-else","lines":[{"sku":"MOUSE-01","quantity":1}],"shippingAddress":ADDRESS} | customerId
            missing address           | {"lines":[{"sku":"MOUSE-01","quantity":1}]}                                    | shippingAddress
            bad country               | {"lines":[{"sku":"MOUSE-01","quantity":1}],"shippingAddress":{"recipient":"A","line1":"B","city":"C","postalCode":"D","country":"England"}} | shippingAddress.country
            recipient as a number     | {"lines":[{"sku":"MOUSE-01","quantity":1}],"shippingAddress":{"recipient":42,"line1":"B","city":"C","postalCode":"D","country":"GB"}} | shippingAddress.recipient
            recipient too long        | {"lines":[{"sku":"MOUSE-01","quantity":1}],"shippingAddress":{"recipient":"LONG","line1":"B","city":"C","postalCode":"D","country":"GB"}} | shippingAddress.recipient
            body is an array          | []                                                                             | ''
            NUL in the recipient      | {"lines":[{"sku":"MOUSE-01","quantity":1}],"shippingAddress":{"recipient":"Ada\\u0000","line1":"B","city":"C","postalCode":"D","country":"GB"}} | shippingAddress.recipient
            NUL alone in line2        | {"lines":[{"sku":"MOUSE-01","quantity":1}],"shippingAddress":{"recipient":"A","line1":"B","line2":"\\u0000","city":"C","postalCode":"D","country":"GB"}} | shippingAddress.line2
            line break in the city    | {"lines":[{"sku":"MOUSE-01","quantity":1}],"shippingAddress":{"recipient":"A","line1":"B","city":"Lon\\ndon","postalCode":"D","country":"GB"}} | shippingAddress.city
            escape in the postal code | {"lines":[{"sku":"MOUSE-01","quantity":1}],"shippingAddress":{"recipient":"A","line1":"B","city":"C","postalCode":"\\u001b[2J","country":"GB"}} | shippingAddress.postalCode
            """)
    void badInputIs400ProblemJsonNamingTheFieldAndPlacesNothing(String name, String template, String field) {
        var customer = uniqueCustomer();
        var address =
                "{\"recipient\":\"Ada\",\"line1\":\"1 Road\",\"city\":\"London\",\"postalCode\":\"N1\",\"country\":\"GB\"}";
        var requestBody = template.startsWith("QUANTITY")
                ? "{\"lines\":[{\"sku\":\"MOUSE-01\",\"quantity\":" + template.substring(9)
                        + "}],\"shippingAddress\":ADDRESS}"
                : template;
        requestBody = requestBody.replace("ADDRESS", address).replace("LONG", "x".repeat(201));

        var problem = place(customer, requestBody)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", notNullValue())
                .extract();
        if (!field.isEmpty()) {
            assertThat(problem.jsonPath().getList("errors.field", String.class)).contains(field);
        }
        assertThat(problem.asString()).doesNotContain("Exception").doesNotContain("at dev.");
        asCustomer(customer).when().get("/orders").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void fiftyOneLinesAreTooMany() {
        var lines = IntStream.range(0, 51)
                .mapToObj(i -> "{\"sku\":\"SKU-" + i + "\",\"quantity\":1}")
                .collect(Collectors.joining(","));
        place(
                        uniqueCustomer(),
                        "{\"lines\":[" + lines + "],\"shippingAddress\":"
                                + "{\"recipient\":\"A\",\"line1\":\"B\",\"city\":\"C\",\"postalCode\":\"D\",\"country\":\"GB\"}}")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("lines"));
    }

    @Test
    void aBodyOverTheLimitIs413AndPlacesNothing() {
        var customer = uniqueCustomer();
        var huge = body("MOUSE-01", 1).replace("Ada Lovelace", "A".repeat(300 * 1024));

        place(customer, huge).then().statusCode(413);

        asCustomer(customer).when().get("/orders").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void anUnknownOrderIs404ProblemJson() {
        var customer = uniqueCustomer();
        asCustomer(customer)
                .when()
                .get("/orders/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", endsWith("/order-not-found"));
        asCustomer(customer)
                .when()
                .get("/orders/not-a-uuid")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        asCustomer(customer)
                .when()
                .post("/orders/" + UUID.randomUUID() + "/cancel")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void listingIsNewestFirstAndPagesWithACursor() {
        var customer = uniqueCustomer();
        var placed = IntStream.range(0, 5)
                .mapToObj(i -> Orders.placeOrder(customer).toString())
                .toList();

        var firstPage = page(customer, null);
        var secondPage = page(customer, firstPage.nextCursor());
        var lastPage = page(customer, secondPage.nextCursor());

        assertThat(firstPage.items()).hasSize(2);
        assertThat(secondPage.items()).hasSize(2);
        assertThat(lastPage.items()).hasSize(1);
        assertThat(lastPage.nextCursor()).isNull();
        var listed = new java.util.ArrayList<String>();
        listed.addAll(firstPage.items());
        listed.addAll(secondPage.items());
        listed.addAll(lastPage.items());
        assertThat(listed).containsExactlyElementsOf(placed.reversed());
    }

    @Test
    void listingFiltersByStatus() {
        var customer = uniqueCustomer();
        var orderId = Orders.placeOrder(customer);

        asCustomer(customer)
                .queryParam("status", "PENDING")
                .when()
                .get("/orders")
                .then()
                .statusCode(200)
                .body("items[0].id", equalTo(orderId.toString()));
        asCustomer(customer)
                .queryParam("status", "DELIVERED")
                .when()
                .get("/orders")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "limit,0",
        "limit,101",
        "limit,ten",
        "status,LOST",
        "stuck,yes",
        "cursor,not-a-cursor",
        // Quoted: JUnit trims control characters off unquoted values.
        "customerId,'c-1\u0000'",
        "cursor,'\u0000'"
    })
    void badListParametersAre400ProblemJson(String parameter, String value) {
        asOperator()
                .queryParam(parameter, value)
                .when()
                .get("/orders")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", startsWith("https://order-fulfilment.dev/problems/"));
    }

    private record Page(List<String> items, String nextCursor) {}

    /** One page of two of the customer's orders, after the cursor (null: the first page). */
    private static Page page(String customerId, String cursor) {
        var request = asCustomer(customerId).queryParam("limit", 2);
        if (cursor != null) {
            request.queryParam("cursor", cursor);
        }
        var page =
                request.when().get("/orders").then().statusCode(200).extract().jsonPath();
        return new Page(page.getList("items.id", String.class), page.getString("nextCursor"));
    }
}

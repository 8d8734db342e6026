package dev.fulfilment.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.fulfilment.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class ProductResourceTests {

    @Test
    void theSeededCatalogueIsListedPageByPageWithoutRepeats() {
        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            // Other tests of this run add thousands of products: the largest pages.
            var request = given().queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when()
                    .get("/inventory")
                    .then()
                    .statusCode(200)
                    .body("items.size()", lessThanOrEqualTo(100))
                    .extract()
                    .jsonPath();
            seen.addAll(page.getList("items.sku"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertThat(seen).doesNotHaveDuplicates().contains("KEYBOARD-01", "MOUSE-01", "MONITOR-27");
        given().when()
                .get("/inventory/MONITOR-27")
                .then()
                .body("name", equalTo("27-inch monitor"))
                .body("currency", equalTo("EUR"));
    }

    @Test
    void aPageIsAtMostAHundredProducts() {
        given().queryParam("limit", 101).when().get("/inventory").then().statusCode(400);
        given().queryParam("cursor", "not-a-cursor")
                .when()
                .get("/inventory")
                .then()
                .statusCode(400);
    }

    @ParameterizedTest
    @CsvSource({
        // "0/A": A's partition is 1, not 0. DynamoDB refuses a start key outside the queried partition.
        "MC9B",
        // "16/": there are 16 partitions, 0 to 15.
        "MTYv",
        // "-1/"
        "LTEv",
        // "0/a lower-case sku"
        "MC9hIGxvd2VyLWNhc2Ugc2t1"
    })
    void aCursorThisApiNeverReturnedIsA400NamingItNeverA500(String cursor) {
        given().queryParam("cursor", cursor)
                .when()
                .get("/inventory")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void aNameWithAControlCharacterIsA400NamingItAndCreatesNothing() {
        var sku = uniqueSku();
        asOperator()
                .contentType(ContentType.JSON)
                .body("""
                        {"name":"Desk\\u0000lamp","unitPrice":19.50,"available":7}""")
                .when()
                .put("/inventory/" + sku)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", equalTo("must not contain control characters"));
        given().when().get("/inventory/" + sku).then().statusCode(404);
    }

    @Test
    void putCreatesAProductAndThenSetsItsNameAndPriceWithoutTouchingItsStock() {
        var sku = uniqueSku();
        var etag = asOperator()
                .contentType(ContentType.JSON)
                .body("""
                        {"name":"Desk lamp","unitPrice":19.50,"available":7}""")
                .when()
                .put("/inventory/" + sku)
                .then()
                .statusCode(201)
                .header("ETag", notNullValue())
                .body("sku", equalTo(sku))
                .body("unitPrice", equalTo(19.5f))
                .body("available", equalTo(7))
                .body("reserved", equalTo(0))
                .extract()
                .header("ETag");

        var changed = asOperator()
                .contentType(ContentType.JSON)
                .body("""
                        {"name":"Desk lamp, brass","unitPrice":21.00}""")
                .when()
                .put("/inventory/" + sku)
                .then()
                .statusCode(200)
                .body("name", equalTo("Desk lamp, brass"))
                .body("available", equalTo(7))
                .extract()
                .header("ETag");

        assertThat(changed).isNotEqualTo(etag);
        given().when()
                .get("/inventory/" + sku)
                .then()
                .statusCode(200)
                .header("ETag", equalTo(changed))
                .body("unitPrice", equalTo(21.0f))
                .body("available", equalTo(7));
    }

    @Test
    void anAbsoluteStockCountNeedsTheCurrentVersion() {
        var sku = uniqueSku();
        var etag = asOperator()
                .contentType(ContentType.JSON)
                .body("""
                        {"name":"Desk lamp","unitPrice":19.50,"available":7}""")
                .put("/inventory/" + sku)
                .then()
                .statusCode(201)
                .extract()
                .header("ETag");
        var counted = """
                {"name":"Desk lamp","unitPrice":19.50,"available":10}""";

        asOperator()
                .contentType(ContentType.JSON)
                .body(counted)
                .put("/inventory/" + sku)
                .then()
                .statusCode(428)
                .contentType("application/problem+json")
                .body("type", endsWith("/version-required"));
        asOperator()
                .contentType(ContentType.JSON)
                .body("""
                        {"quantity":-2,"reason":"damaged in the warehouse"}""")
                .post("/inventory/" + sku + "/adjustments")
                .then()
                .statusCode(201);
        asOperator()
                .contentType(ContentType.JSON)
                .header("If-Match", etag)
                .body(counted)
                .put("/inventory/" + sku)
                .then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("type", endsWith("/product-changed"));
        given().get("/inventory/" + sku).then().body("available", equalTo(5));

        var current = given().get("/inventory/" + sku).then().extract().header("ETag");
        asOperator()
                .contentType(ContentType.JSON)
                .header("If-Match", current)
                .body(counted)
                .put("/inventory/" + sku)
                .then()
                .statusCode(200)
                .body("available", equalTo(10));
    }

    @Test
    void anUnknownSkuIs404ProblemJson() {
        given().when()
                .get("/inventory/NO-SUCH-SKU-"
                        + UUID.randomUUID().toString().substring(0, 8).toUpperCase())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", startsWith("https://order-fulfilment.dev/problems/product-not-found"));
    }

    @Test
    void aNegativeStockIsRefusedNamingTheFieldAndChangesNothing() {
        var sku = uniqueSku();
        asOperator()
                .contentType(ContentType.JSON)
                .body("""
                        {"name":"Desk lamp","unitPrice":19.50,"available":-1}""")
                .when()
                .put("/inventory/" + sku)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("available"));

        given().when().get("/inventory/" + sku).then().statusCode(404);
    }

    @Test
    void malformedJsonAndBadSkusAre400ProblemJson() {
        asOperator()
                .contentType(ContentType.JSON)
                .body("{\"name\":")
                .when()
                .put("/inventory/" + uniqueSku())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("The request body is not valid JSON"));

        asOperator()
                .contentType(ContentType.JSON)
                .body("""
                        {"name":"x","unitPrice":1,"available":1}""")
                .when()
                .put("/inventory/lower-case")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("sku"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a price as a string   | {"name":"Desk lamp","unitPrice":"19.50","available":7} | unitPrice
            a fractional count    | {"name":"Desk lamp","unitPrice":19.50,"available":1.5}  | available
            a count as a string   | {"name":"Desk lamp","unitPrice":19.50,"available":"7"}  | available
            a name as a number    | {"name":42,"unitPrice":19.50,"available":7}             | name
            a name of 201 letters | {"name":"%s","unitPrice":19.50,"available":7}           | name
            """)
    void valuesOfTheWrongTypeOrSizeAreNotCoercedButRefused(String what, String body, String field) {
        var sku = uniqueSku();
        asOperator()
                .contentType(ContentType.JSON)
                .body(body.formatted("x".repeat(201)))
                .when()
                .put("/inventory/" + sku)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));

        given().when().get("/inventory/" + sku).then().statusCode(404);
    }

    @Test
    void aBodyOverTheLimitIs413AndChangesNothing() {
        var sku = uniqueSku();
        asOperator()
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + "x".repeat(300 * 1024) + "\",\"unitPrice\":1,\"available\":1}")
                .when()
                .put("/inventory/" + sku)
                .then()
                .statusCode(413);

        given().when().get("/inventory/" + sku).then().statusCode(404);
    }

    static String uniqueSku() {
        return "TEST-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static RequestSpecification asOperator() {
        return given().auth().oauth2(TestTokens.operator());
    }
}

package dev.fulfilment.inventory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProductResourceTests {

    @Test
    void theSeededCatalogueIsListedBySku() {
        given().when()
                .get("/inventory")
                .then()
                .statusCode(200)
                .body("sku", hasItems("KEYBOARD-01", "MOUSE-01", "MONITOR-27"))
                .body("find { it.sku == 'MONITOR-27' }.name", equalTo("27-inch monitor"));
    }

    @Test
    void putCreatesAProductThenUpdatesItKeepingWhatIsReserved() {
        var sku = uniqueSku();
        given().contentType(ContentType.JSON)
                .body("""
                        {"name":"Desk lamp","unitPrice":19.50,"available":7}""")
                .when()
                .put("/inventory/" + sku)
                .then()
                .statusCode(201)
                .body("sku", equalTo(sku))
                .body("available", equalTo(7))
                .body("reserved", equalTo(0));

        given().contentType(ContentType.JSON)
                .body("""
                        {"name":"Desk lamp, brass","unitPrice":21.00,"available":12}""")
                .when()
                .put("/inventory/" + sku)
                .then()
                .statusCode(200)
                .body("name", equalTo("Desk lamp, brass"))
                .body("available", equalTo(12));

        given().when()
                .get("/inventory/" + sku)
                .then()
                .statusCode(200)
                .body("unitPrice", equalTo(21.0f))
                .body("available", equalTo(12));
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
        given().contentType(ContentType.JSON)
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
        given().contentType(ContentType.JSON)
                .body("{\"name\":")
                .when()
                .put("/inventory/" + uniqueSku())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("The request body is not valid JSON"));

        given().contentType(ContentType.JSON)
                .body("""
                        {"name":"x","unitPrice":1,"available":1}""")
                .when()
                .put("/inventory/lower-case")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("sku"));
    }

    static String uniqueSku() {
        return "TEST-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}

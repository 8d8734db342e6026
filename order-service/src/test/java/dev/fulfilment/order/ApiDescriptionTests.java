package dev.fulfilment.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulfilment.support.problem.Problem;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI document says what the API answers, errors included, and who may call it. */
@QuarkusTest
class ApiDescriptionTests {

    // The management interface's root is /q.
    @TestHTTPResource(value = "/openapi?format=json", management = true)
    URI openApi;

    @Test
    void everyErrorResponseOfEveryOperationIsAProblemJsonAndEveryOperationMayFailWith500() {
        var document = given().get(openApi).then().statusCode(200).extract().jsonPath();

        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        assertThat(paths).containsKeys("/orders", "/orders/{id}", "/orders/{id}/cancel");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            @SuppressWarnings("unchecked")
            var responses = (Map<String, Map<String, Object>>) operation.get("responses");
            assertThat(responses).as(method + " " + path).containsKey("500");
            responses.keySet().forEach(status -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(document.getString("paths.'" + path + "'." + method + ".responses.'" + status
                                    + "'.content.'application/problem+json'.schema.$ref"))
                            .as(status + " of " + method + " " + path)
                            .isEqualTo("#/components/schemas/Problem");
                }
            });
        }));
        // The schema the filter writes by hand has the fields of the Problem record.
        assertThat(document.getMap("components.schemas.Problem.properties"))
                .containsOnlyKeys(Arrays.stream(Problem.class.getRecordComponents())
                        .map(RecordComponent::getName)
                        .toArray(String[]::new));
    }

    @Test
    void everyOperationNamesTheRolesItNeedsAndItsRefusals() {
        var document = given().get(openApi).then().statusCode(200).extract().jsonPath();

        assertThat(document.getString("components.securitySchemes.bearer.scheme"))
                .isEqualTo("bearer");
        assertThat(document.getString("components.securitySchemes.bearer.bearerFormat"))
                .isEqualTo("JWT");
        assertThat(document.getList("paths.'/orders'.post.security.bearer.flatten()"))
                .containsExactly("customer");
        assertThat(document.getList("paths.'/orders/{id}'.get.security.bearer.flatten()"))
                .containsExactlyInAnyOrder("customer", "operator");
        assertThat(document.getList("paths.'/orders/{id}/cancel'.post.security.bearer.flatten()"))
                .containsExactlyInAnyOrder("customer", "operator");
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            @SuppressWarnings("unchecked")
            var responses = (Map<String, Object>) operation.get("responses");
            assertThat(responses).as(method + " " + path).containsKeys("401", "403");
        }));
    }
}

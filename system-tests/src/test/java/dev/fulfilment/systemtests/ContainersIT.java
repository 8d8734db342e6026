package dev.fulfilment.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulfilment.devstack.Service;
import dev.fulfilment.devstack.identity.LocalIssuer;
import dev.fulfilment.devstack.web.SignInClient;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a user of docker-compose.yml sees of the containers themselves: who they run as, what
 * they may write, the bill of materials they carry, and data that outlives {@code docker
 * compose down} until {@code down -v}. Runs against compose only ({@code
 * -Dsystem.under.test=compose}), last, because it takes the stack down and up.
 */
@ExtendWith(RunningSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE)
class ContainersIT {

    private static final List<String> SERVICES = List.of(Service.ORDER, Service.INVENTORY, Service.SHIPPING).stream()
            .map(Service::directoryName)
            .toList();

    private final RunningSystem system;
    private final Path projectRoot =
            Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

    ContainersIT(RunningSystem system) {
        this.system = system;
    }

    @BeforeAll
    static void onlyAgainstCompose() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                "compose".equals(System.getProperty("system.under.test")),
                "ContainersIT checks docker-compose.yml's containers: -Dsystem.under.test=compose");
    }

    @Test
    @Order(1)
    void theServicesRunAsAUserThatIsNotRootOnAReadOnlyRootWithTmpWritable() {
        for (var service : SERVICES) {
            assertThat(exec(service, "id", "-u").strip())
                    .as("%s's user", service)
                    .isEqualTo("185");
            assertThatThrownBy(() -> exec(service, "touch", "/deployments/written"))
                    .as("%s writes to its root file system", service)
                    .hasMessageContaining("Read-only file system");
            exec(service, "touch", "/tmp/written");
        }
    }

    @Test
    @Order(2)
    void everyImageCarriesTheCycloneDxBillOfMaterialsOfWhatItShips() {
        for (var service : SERVICES) {
            var bom = JsonPath.from(exec(service, "cat", "/sbom/" + service + ".cdx.json"));
            assertThat(bom.getString("bomFormat")).isEqualTo("CycloneDX");
            assertThat(bom.getString("metadata.component.name")).isEqualTo(service);
            assertThat(bom.getList("components.name", String.class))
                    .as("%s's components", service)
                    .contains("quarkus-rest", "jackson-databind", "service-support");
        }
        assertThat(JsonPath.from(exec("web", "cat", "/sbom/web-pages.cdx.json"))
                        .getList("components.name", String.class))
                .contains("preact");
        assertThat(JsonPath.from(exec("dynamodb", "cat", "/sbom/dynamodb-emulator.cdx.json"))
                        .getList("components.name", String.class))
                .contains("dynalite");
    }

    @Test
    @Order(3)
    void ordersStockAndTheSignInOutliveDownAndUpAndDownWithVolumesWipesThem() {
        var shop = new Shop(system);
        var sku = shop.newProduct(7);
        var orderId = shop.placeOrder(sku, 3);
        shop.awaitStatus(orderId, "CONFIRMED");
        var customerToken = system.token(LocalIssuer.Caller.CUSTOMER, "kept-" + UUID.randomUUID());

        ComposeDeployment.compose(projectRoot, "down");
        ComposeDeployment.compose(projectRoot, "up", "--detach", "--wait");

        assertThat(shop.status(orderId)).isEqualTo("CONFIRMED");
        assertThat(shop.stock(sku)).isEqualTo(new Shop.Stock(4, 3));
        given().baseUri(system.url(Service.ORDER))
                .auth()
                .oauth2(customerToken)
                .get("/orders")
                .then()
                .statusCode(200);

        ComposeDeployment.compose(projectRoot, "down", "--volumes");
        ComposeDeployment.compose(projectRoot, "up", "--detach", "--wait");

        // A new sign-in key: the tokens of before are refused, new ones work.
        given().baseUri(system.url(Service.ORDER))
                .auth()
                .oauth2(customerToken)
                .get("/orders")
                .then()
                .statusCode(401);
        var operator = new SignInClient(URI.create(system.webUrl())).token(LocalIssuer.Caller.OPERATOR, null);
        given().baseUri(system.url(Service.ORDER))
                .auth()
                .oauth2(operator)
                .get("/orders/" + orderId)
                .then()
                .statusCode(404);
        given().baseUri(system.url(Service.INVENTORY))
                .get("/inventory/" + sku)
                .then()
                .statusCode(404);
        given().baseUri(system.url(Service.INVENTORY))
                .get("/inventory/KEYBOARD-01")
                .then()
                .statusCode(200);
    }

    private String exec(String service, String... command) {
        var arguments = new java.util.ArrayList<>(List.of("exec", "-T", service));
        arguments.addAll(List.of(command));
        return ComposeDeployment.compose(projectRoot, arguments.toArray(String[]::new));
    }
}

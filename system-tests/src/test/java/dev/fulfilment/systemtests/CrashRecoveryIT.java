package dev.fulfilment.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulfilment.devstack.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Nothing is lost and nothing applied twice when a service is killed in the middle of the work. */
@ExtendWith(RunningSystem.class)
class CrashRecoveryIT {

    private final RunningSystem system;
    private final Shop shop;

    CrashRecoveryIT(RunningSystem system) {
        this.system = system;
        this.shop = new Shop(system);
    }

    @Test
    void killingEachServiceMidwayLosesNoOrderAndKeepsStockConsistent() {
        var sku = shop.newProduct(1000);
        var orderIds = new ArrayList<UUID>();
        var crashedWithWorkInFlight = 0;

        for (var victim : List.of(Service.INVENTORY, Service.SHIPPING, Service.ORDER)) {
            for (int i = 0; i < 15; i++) {
                orderIds.add(shop.placeOrder(sku, 2));
            }
            if (!shop.status(orderIds.getLast()).equals("CONFIRMED")) {
                crashedWithWorkInFlight++;
            }
            system.crashAndRestart(victim);
        }

        assertThat(crashedWithWorkInFlight)
                .as("crashes that hit an order under way")
                .isPositive();
        // Messages a killed consumer had received come back after the visibility timeout (30 s).
        shop.awaitStatusIn(orderIds, Set.of("CONFIRMED"), Duration.ofSeconds(150));
        assertThat(shop.stock(sku)).isEqualTo(new Shop.Stock(1000 - 2 * orderIds.size(), 2L * orderIds.size()));
        for (var orderId : orderIds) {
            shop.shipmentOf(orderId).then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(1));
        }
    }
}

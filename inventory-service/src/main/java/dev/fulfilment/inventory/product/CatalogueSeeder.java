package dev.fulfilment.inventory.product;

import dev.fulfilment.inventory.InventoryConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.util.List;

/** Puts a small catalogue in when asked (dev-stack, dev mode, tests), so the system is usable at once. */
@ApplicationScoped
public class CatalogueSeeder {

    static final List<Product> CATALOGUE = List.of(
            new Product("KEYBOARD-01", "Mechanical keyboard", new BigDecimal("89.00"), 100, 0, 1),
            new Product("MOUSE-01", "Wireless mouse", new BigDecimal("29.90"), 200, 0, 1),
            new Product("MONITOR-27", "27-inch monitor", new BigDecimal("249.00"), 25, 0, 1),
            new Product("USB-C-CABLE", "USB-C cable, 2 m", new BigDecimal("9.90"), 500, 0, 1),
            new Product("LAPTOP-STAND", "Aluminium laptop stand", new BigDecimal("39.00"), 50, 0, 1));

    private final ProductRepository products;
    private final InventoryConfig config;

    CatalogueSeeder(ProductRepository products, InventoryConfig config) {
        this.products = products;
        this.config = config;
    }

    void seedIfAsked(@Observes @Priority(20) StartupEvent startup) {
        if (config.catalogue().seed()) {
            CATALOGUE.forEach(products::addIfMissing);
        }
    }
}

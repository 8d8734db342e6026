package dev.fulfilment.inventory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of inventory-service; defaults in application.properties. */
@ConfigMapping(prefix = "inventory")
public interface InventoryConfig {

    Table table();

    Catalogue catalogue();

    /** ISO 4217 code of the currency every price is in, e.g. EUR. */
    @WithDefault("EUR")
    String currency();

    interface Table {
        /** The DynamoDB table holding products, their adjustments and reservations. */
        String name();

        /** Create the table at start when it is missing (local runs and tests; Terraform does it in AWS). */
        boolean create();
    }

    interface Catalogue {
        /** Put a small catalogue in at start, leaving products that exist alone. */
        boolean seed();
    }
}

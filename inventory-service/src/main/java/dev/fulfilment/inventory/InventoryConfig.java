package dev.fulfilment.inventory;

import io.smallrye.config.ConfigMapping;

/** Configuration of inventory-service; defaults in application.properties. */
@ConfigMapping(prefix = "inventory")
public interface InventoryConfig {

    Table table();

    Catalogue catalogue();

    interface Table {
        /** The DynamoDB table holding products and reservations. */
        String name();

        /** Create the table at start when it is missing (local runs and tests; Terraform does it in AWS). */
        boolean create();
    }

    interface Catalogue {
        /** Put a small catalogue in at start, leaving products that exist alone. */
        boolean seed();
    }
}

package dev.fulfilment.devstack;

import java.util.Map;

/** The three services, where dev-stack runs them and what they need. */
public enum Service {
    ORDER("order-service", 8081, "orders", Map.of()),
    INVENTORY(
            "inventory-service",
            8082,
            null,
            // Locally the service creates its table and seeds a catalogue; in AWS Terraform
            // owns the table and operators stock it.
            Map.of("inventory.table.create", "true", "inventory.catalogue.seed", "true")),
    SHIPPING("shipping-service", 8083, "shipping", Map.of());

    private final String directoryName;
    private final int defaultPort;
    private final String database;
    private final Map<String, String> localConfiguration;

    Service(String directoryName, int defaultPort, String database, Map<String, String> localConfiguration) {
        this.directoryName = directoryName;
        this.defaultPort = defaultPort;
        this.database = database;
        this.localConfiguration = localConfiguration;
    }

    public String directoryName() {
        return directoryName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The service's own PostgreSQL database, or null when it keeps its data elsewhere. */
    public String database() {
        return database;
    }

    public Map<String, String> localConfiguration() {
        return localConfiguration;
    }
}

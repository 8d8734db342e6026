package dev.fulfilment.devstack;

import java.util.Map;

/** The three services, where dev-stack runs them and what they need. */
public enum Service {
    ORDER("order-service", 8081, 9081, "orders", Map.of()),
    INVENTORY(
            "inventory-service",
            8082,
            9082,
            null,
            // Locally the service creates its table and seeds a catalogue; in AWS Terraform
            // owns the table and operators stock it.
            Map.of("inventory.table.create", "true", "inventory.catalogue.seed", "true")),
    SHIPPING("shipping-service", 8083, 9083, "shipping", Map.of());

    private final String directoryName;
    private final int defaultPort;
    private final int defaultManagementPort;
    private final String database;
    private final Map<String, String> localConfiguration;

    Service(
            String directoryName,
            int defaultPort,
            int defaultManagementPort,
            String database,
            Map<String, String> localConfiguration) {
        this.directoryName = directoryName;
        this.defaultPort = defaultPort;
        this.defaultManagementPort = defaultManagementPort;
        this.database = database;
        this.localConfiguration = localConfiguration;
    }

    public String directoryName() {
        return directoryName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Health, metrics and the API description: a port of their own, not the API's. */
    public int defaultManagementPort() {
        return defaultManagementPort;
    }

    /** The service's own PostgreSQL database, or null when it keeps its data elsewhere. */
    public String database() {
        return database;
    }

    public Map<String, String> localConfiguration() {
        return localConfiguration;
    }
}

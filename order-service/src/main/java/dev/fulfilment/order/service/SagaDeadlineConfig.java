package dev.fulfilment.order.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How long an order may wait for a reply before the saga asks again. A reply normally comes
 * within a fraction of a second; these are for what went wrong (a lost or dead-lettered
 * message, a service down).
 */
@ConfigMapping(prefix = "saga.deadlines")
public interface SagaDeadlineConfig {

    /** PENDING: waiting for InventoryReserved or InventoryRejected. */
    @WithDefault("30s")
    Duration pending();

    /** INVENTORY_RESERVED: waiting for ShipmentScheduled. */
    @WithDefault("30s")
    Duration inventoryReserved();

    /** CANCELLING: waiting for ShipmentCancelled or InventoryReleased. */
    @WithDefault("60s")
    Duration cancelling();

    /**
     * How much longer an order waits while messages wait on its command's queue: its command
     * may be among them, and a copy would only queue up behind it.
     */
    @WithDefault("10m")
    Duration backlog();

    /** Times the awaited command is sent again before the order is marked stuck. */
    @WithDefault("3")
    int maxReminders();

    /** How often the deadlines are checked (the {@code saga.deadlines.check-every} property). */
    @WithDefault("5s")
    Duration checkEvery();
}

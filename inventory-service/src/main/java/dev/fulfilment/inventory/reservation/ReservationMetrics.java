package dev.fulfilment.inventory.reservation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reservations as metrics: how they are decided, why orders are rejected, and how often a
 * DynamoDB transaction lost to another on the same products (hot products show here first).
 */
@ApplicationScoped
class ReservationMetrics {

    private final MeterRegistry registry;

    ReservationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void reserved() {
        decided("reserved");
    }

    void rejected(boolean shortOfStock, boolean unknownSku) {
        decided("rejected");
        if (shortOfStock) {
            rejection("short_of_stock");
        }
        if (unknownSku) {
            rejection("unknown_sku");
        }
    }

    /** @param operation reserve or release */
    void conflict(String operation) {
        Counter.builder("inventory.transaction.conflicts")
                .description("DynamoDB transactions cancelled by a concurrent one on the same items, then retried")
                .tag("operation", operation)
                .register(registry)
                .increment();
    }

    private void decided(String outcome) {
        Counter.builder("inventory.reservations")
                .description("Reservations decided, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private void rejection(String reason) {
        Counter.builder("inventory.rejections")
                .description("Orders rejected, by reason (an order may have both)")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}

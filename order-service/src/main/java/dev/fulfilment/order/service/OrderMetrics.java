package dev.fulfilment.order.service;

import dev.fulfilment.order.Order;
import dev.fulfilment.order.OrderStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.TimeWindowPercentileHistogram;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The business in numbers: orders placed and how they end, how long the saga takes between its
 * stages, and the orders it had to remind or gave up on. Tags are statuses and stage names,
 * never ids or skus. Called inside the transaction that makes the change, each is a {@link
 * Counted} event, counted once that transaction commits (an observer {@code during
 * AFTER_SUCCESS}), never when it rolls back.
 */
@ApplicationScoped
public class OrderMetrics {

    /** The statuses counted as outcomes when an order reaches them. */
    private static final Set<OrderStatus> OUTCOMES = Set.of(
            OrderStatus.CONFIRMED,
            OrderStatus.REJECTED,
            OrderStatus.CANCELLED,
            OrderStatus.SHIPPED,
            OrderStatus.DELIVERED);

    /** The saga's stages, each timed from the first status to the second. */
    static final List<String> STAGES = List.of("placed_to_reserved", "reserved_to_confirmed", "placed_to_confirmed");

    /**
     * Up to where the histogram's buckets go. An order waits out a backlog on its command's queue
     * however long it lasts (a reminder only queues a copy behind it), so a stage takes as long
     * as the backlog: Micrometer's default of 30 s showed a wait of 38 s as 30 s. A backlog of
     * half an hour is an incident the queues' alarms reported long before.
     */
    static final Duration LONGEST_STAGE = Duration.ofMinutes(30);

    /** The percentiles published as gauges, for backends that cannot read a histogram's buckets. */
    static final List<Double> QUANTILES = List.of(0.5, 0.99);

    /** A change to count once its transaction has committed. */
    sealed interface Counted {
        record Placed() implements Counted {}

        record Moved(OrderStatus to, Instant createdAt, Optional<Instant> reservedAt, Instant at) implements Counted {}

        record Reminded(OrderStatus status) implements Counted {}

        record Stuck(OrderStatus status) implements Counted {}
    }

    private final MeterRegistry registry;
    private final Event<Counted> counted;
    private final Counter placed;
    private final Map<String, TimeWindowPercentileHistogram> recentStages = new HashMap<>();

    OrderMetrics(MeterRegistry registry, Event<Counted> counted) {
        this.registry = registry;
        this.counted = counted;
        this.placed = Counter.builder("orders.placed")
                .description("Orders accepted by POST /orders")
                .register(registry);
        var window = DistributionStatisticConfig.builder()
                .percentiles(QUANTILES.stream().mapToDouble(Double::doubleValue).toArray())
                .expiry(Duration.ofMinutes(1))
                .bufferLength(2)
                .build()
                .merge(DistributionStatisticConfig.DEFAULT);
        for (var stage : STAGES) {
            var recent = new TimeWindowPercentileHistogram(registry.config().clock(), window, false);
            recentStages.put(stage, recent);
            for (int i = 0; i < QUANTILES.size(); i++) {
                var index = i;
                Gauge.builder("saga.stage.percentile", recent, histogram -> seconds(histogram, index))
                        .description("Percentiles of the saga's stage times over about the last minute (CloudWatch "
                                + "reads these; Prometheus computes its own from saga_stage_seconds_bucket)")
                        .baseUnit("seconds")
                        .tag("stage", stage)
                        .tag("quantile", QUANTILES.get(i).toString())
                        .register(registry);
            }
        }
    }

    private static double seconds(TimeWindowPercentileHistogram histogram, int index) {
        var percentiles = histogram.takeSnapshot(0, 0, 0).percentileValues();
        return percentiles[index].value(TimeUnit.SECONDS);
    }

    void placed() {
        counted.fire(new Counted.Placed());
    }

    /** The order moved from one status to another at that moment. */
    void moved(Order order, OrderStatus from, Instant now) {
        if (order.status == from) {
            return;
        }
        var to = order.status;
        var reservedAt =
                to == OrderStatus.CONFIRMED ? Optional.ofNullable(order.reservedAt) : Optional.<Instant>empty();
        counted.fire(new Counted.Moved(to, order.createdAt, reservedAt, now));
    }

    /** The command an order in this status waits on was sent again. */
    void reminded(OrderStatus status) {
        counted.fire(new Counted.Reminded(status));
    }

    /** An order in this status was given up on, after every reminder. */
    void stuck(OrderStatus status) {
        counted.fire(new Counted.Stuck(status));
    }

    void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) Counted change) {
        switch (change) {
            case Counted.Placed ignored -> placed.increment();
            case Counted.Moved moved -> record(moved.to(), moved.createdAt(), moved.reservedAt(), moved.at());
            case Counted.Reminded reminded ->
                registry.counter("saga.reminders", "status", reminded.status().name())
                        .increment();
            case Counted.Stuck stuck ->
                registry.counter("saga.stuck", "status", stuck.status().name()).increment();
        }
    }

    private void record(OrderStatus to, Instant createdAt, Optional<Instant> reservedAt, Instant now) {
        if (OUTCOMES.contains(to)) {
            Counter.builder("orders.outcome")
                    .description("Orders reaching a status that ends a stage of their life, by status")
                    .tag("outcome", to.name().toLowerCase(Locale.ROOT))
                    .register(registry)
                    .increment();
        }
        switch (to) {
            case INVENTORY_RESERVED -> stage("placed_to_reserved", Duration.between(createdAt, now));
            case CONFIRMED -> {
                stage("placed_to_confirmed", Duration.between(createdAt, now));
                reservedAt.ifPresent(reserved -> stage("reserved_to_confirmed", Duration.between(reserved, now)));
            }
            default -> {
                // no stage ends here
            }
        }
    }

    private void stage(String stage, Duration took) {
        Timer.builder("saga.stage")
                .description("Time between stages of an order's saga: placed_to_reserved, reserved_to_confirmed, "
                        + "placed_to_confirmed")
                .tag("stage", stage)
                .publishPercentileHistogram()
                .maximumExpectedValue(LONGEST_STAGE)
                .register(registry)
                .record(took.isNegative() ? Duration.ZERO : took);
        recentStages.get(stage).recordLong(took.isNegative() ? 0 : took.toNanos());
    }
}

package dev.fulfilment.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderStatusTests {

    private static final List<OrderStatus> MAIN_LINE = List.of(
            OrderStatus.PENDING,
            OrderStatus.INVENTORY_RESERVED,
            OrderStatus.CONFIRMED,
            OrderStatus.SHIPPED,
            OrderStatus.DELIVERED);

    @Test
    void theMainLineNeverMovesBackwards() {
        for (int from = 0; from < MAIN_LINE.size(); from++) {
            for (int to = 0; to <= from; to++) {
                assertThat(MAIN_LINE.get(from).canMoveTo(MAIN_LINE.get(to)))
                        .as("%s -> %s", MAIN_LINE.get(from), MAIN_LINE.get(to))
                        .isFalse();
            }
        }
    }

    @Test
    void onlyTheFirstThreeStatusesCanBeCancelled() {
        var cancellable = EnumSet.noneOf(OrderStatus.class);
        for (var status : OrderStatus.values()) {
            if (status.isCancellable()) {
                cancellable.add(status);
            }
        }
        assertThat(cancellable)
                .containsExactlyInAnyOrder(OrderStatus.PENDING, OrderStatus.INVENTORY_RESERVED, OrderStatus.CONFIRMED);
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderStatus.class,
            names = {"DELIVERED", "REJECTED", "CANCELLED"})
    void finalStatusesGoNowhere(OrderStatus status) {
        assertThat(status.isFinal()).isTrue();
        for (var next : OrderStatus.values()) {
            assertThat(status.canMoveTo(next)).isFalse();
        }
    }

    @Test
    void onlyPendingCanBeRejected() {
        for (var status : OrderStatus.values()) {
            assertThat(status.canMoveTo(OrderStatus.REJECTED))
                    .as("%s -> REJECTED", status)
                    .isEqualTo(status == OrderStatus.PENDING);
        }
    }
}

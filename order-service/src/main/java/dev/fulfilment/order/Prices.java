package dev.fulfilment.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The arithmetic of an order's prices: for the entity, and for an order as it was read. */
public final class Prices {

    private Prices() {}

    /** Unit price times quantity; null while the price is not known. */
    public static BigDecimal lineTotal(BigDecimal unitPrice, int quantity) {
        return unitPrice == null ? null : unitPrice.multiply(BigDecimal.valueOf(quantity));
    }

    /** The sum of the line totals, once every line has its price; empty before. */
    public static Optional<BigDecimal> orderTotal(List<BigDecimal> lineTotals) {
        if (lineTotals.stream().anyMatch(Objects::isNull)) {
            return Optional.empty();
        }
        return Optional.of(lineTotals.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
    }
}

package dev.fulfilment.contracts.messages;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * A reserved line of an order.
 *
 * @param unitPrice the product's price when it was reserved, in the reply's currency; absent in
 *     version 1 of InventoryReserved
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReservedLine(
        String sku,
        int quantity,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice) {}

package dev.fulfilment.contracts.messages;

import java.util.List;

/** Reserve every line of the order, all or nothing. */
public record ReserveInventory(List<OrderLine> lines) implements MessagePayload {}

package dev.fulfilment.contracts.messages;

import java.util.List;

/** Every line of the order is reserved. */
public record InventoryReserved(List<OrderLine> lines) implements MessagePayload {}

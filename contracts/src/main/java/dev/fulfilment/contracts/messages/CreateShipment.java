package dev.fulfilment.contracts.messages;

import java.util.List;

/** Schedule the one shipment of the order. */
public record CreateShipment(List<OrderLine> lines, ShippingAddress shippingAddress) implements MessagePayload {}

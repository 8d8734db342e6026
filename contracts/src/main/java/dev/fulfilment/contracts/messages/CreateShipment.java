package dev.fulfilment.contracts.messages;

import static dev.fulfilment.contracts.Destination.SHIPPING_COMMANDS;

import dev.fulfilment.contracts.Contract;
import java.util.List;

/** Schedule the one shipment of the order. */
@Contract(queue = SHIPPING_COMMANDS)
public record CreateShipment(List<OrderLine> lines, ShippingAddress shippingAddress) implements MessagePayload {}

package dev.fulfilment.shipping;

import static dev.fulfilment.contracts.Destination.SHIPPING_COMMANDS;

import dev.fulfilment.contracts.Contract;
import dev.fulfilment.contracts.messages.MessagePayload;

/**
 * A message type of the tests only, added as any type is: this record, its schema
 * (contracts/PrintPackingSlip.v1.json in the test resources) and its handler ({@link
 * PackingSlipPrinter}). A command that needs no reply.
 */
@Contract(queue = SHIPPING_COMMANDS)
public record PrintPackingSlip(String printer) implements MessagePayload {}

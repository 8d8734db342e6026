package dev.fulfilment.contracts.messages;

import static dev.fulfilment.contracts.Destination.ORDER_EVENTS;

import dev.fulfilment.contracts.Contract;
import java.util.List;

/** Nothing was reserved: the skus named are short or unknown. */
@Contract(queue = ORDER_EVENTS)
public record InventoryRejected(String reason, List<String> shortSkus, List<String> unknownSkus)
        implements MessagePayload {}

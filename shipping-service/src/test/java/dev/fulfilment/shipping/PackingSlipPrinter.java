package dev.fulfilment.shipping;

import dev.fulfilment.contracts.messages.MessagePayload;
import dev.fulfilment.support.messaging.IncomingMessage;
import dev.fulfilment.support.messaging.MessageHandler;
import dev.fulfilment.support.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The handler of the tests' {@link PrintPackingSlip}: notes the printer of each order, and answers nothing. */
@ApplicationScoped
public class PackingSlipPrinter implements MessageHandler {

    private final Map<UUID, String> printed = new ConcurrentHashMap<>();

    @Override
    public Set<Class<? extends MessagePayload>> handles() {
        return Set.of(PrintPackingSlip.class);
    }

    @Override
    public List<OutgoingMessage> handle(IncomingMessage message) {
        printed.merge(
                message.orderId(),
                ((PrintPackingSlip) message.payload()).printer(),
                (first, again) -> first + "," + again);
        return List.of();
    }

    /** The printers the order's slip went to, comma-separated; null if none. */
    String printedOn(UUID orderId) {
        return printed.get(orderId);
    }
}

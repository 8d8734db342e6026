package dev.fulfilment.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulfilment.contracts.Destination;
import dev.fulfilment.contracts.messages.CancelShipment;
import dev.fulfilment.contracts.messages.CreateShipment;
import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.contracts.messages.MessagePayload;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A service starts only when its handlers take every type on its queue, once, and nothing else. */
class MessageHandlersTests {

    @Test
    void everyTypeOnTheQueueWithOneHandlerIsAccepted() {
        var creates = handlerOf(CreateShipment.class);
        var cancels = handlerOf(CancelShipment.class);

        var byType = MessageHandlers.byType(List.of(creates, cancels), Destination.SHIPPING_COMMANDS);

        assertThat(byType).containsEntry(CreateShipment.class, creates).containsEntry(CancelShipment.class, cancels);
    }

    @Test
    void aTypeOnTheQueueWithoutAHandlerStopsTheStartNamingIt() {
        assertThatThrownBy(() ->
                        MessageHandlers.byType(List.of(handlerOf(CreateShipment.class)), Destination.SHIPPING_COMMANDS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CancelShipment travels on shipping-commands but has no MessageHandler");
    }

    @Test
    void aHandlerOfATypeThatTravelsElsewhereOrASecondHandlerStopsTheStart() {
        var handlers = List.of(
                handlerOf(CreateShipment.class, CancelShipment.class),
                handlerOf(CancelShipment.class),
                handlerOf(InventoryReleased.class));

        assertThatThrownBy(() -> MessageHandlers.byType(handlers, Destination.SHIPPING_COMMANDS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CancelShipment has two handlers")
                .hasMessageContaining("InventoryReleased, which travels on order-events, not on shipping-commands");
    }

    @SafeVarargs
    private static MessageHandler handlerOf(Class<? extends MessagePayload>... types) {
        return new MessageHandler() {
            @Override
            public Set<Class<? extends MessagePayload>> handles() {
                return Set.of(types);
            }

            @Override
            public List<OutgoingMessage> handle(IncomingMessage message) {
                return List.of();
            }
        };
    }
}

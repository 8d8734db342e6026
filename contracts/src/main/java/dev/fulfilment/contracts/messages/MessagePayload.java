package dev.fulfilment.contracts.messages;

import dev.fulfilment.contracts.MessageType;

/** The type-specific body of a message; one record per {@link MessageType}. */
public sealed interface MessagePayload
        permits ReserveInventory,
                ReleaseInventory,
                InventoryReserved,
                InventoryRejected,
                InventoryReleased,
                CreateShipment,
                CancelShipment,
                ShipmentScheduled,
                ShipmentCancelled,
                ShipmentCancelRefused,
                ShipmentDispatched,
                ShipmentDelivered {

    default MessageType messageType() {
        return MessageType.of(this);
    }
}

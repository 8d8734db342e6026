package dev.fulfilment.contracts.messages;

/** The type-specific body of a message; one record per {@code MessageType}. */
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
                ShipmentDelivered {}

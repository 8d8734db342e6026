package dev.fulfilment.contracts;

import dev.fulfilment.contracts.messages.CancelShipment;
import dev.fulfilment.contracts.messages.CreateShipment;
import dev.fulfilment.contracts.messages.InventoryRejected;
import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.contracts.messages.InventoryReserved;
import dev.fulfilment.contracts.messages.MessagePayload;
import dev.fulfilment.contracts.messages.ReleaseInventory;
import dev.fulfilment.contracts.messages.ReserveInventory;
import dev.fulfilment.contracts.messages.ShipmentCancelRefused;
import dev.fulfilment.contracts.messages.ShipmentCancelled;
import dev.fulfilment.contracts.messages.ShipmentDelivered;
import dev.fulfilment.contracts.messages.ShipmentDispatched;
import dev.fulfilment.contracts.messages.ShipmentScheduled;
import java.util.Arrays;
import java.util.Optional;

/** Every message the services exchange, with the record its payload maps to. */
public enum MessageType {
    RESERVE_INVENTORY(ReserveInventory.class),
    RELEASE_INVENTORY(ReleaseInventory.class),
    INVENTORY_RESERVED(InventoryReserved.class),
    INVENTORY_REJECTED(InventoryRejected.class),
    INVENTORY_RELEASED(InventoryReleased.class),
    CREATE_SHIPMENT(CreateShipment.class),
    CANCEL_SHIPMENT(CancelShipment.class),
    SHIPMENT_SCHEDULED(ShipmentScheduled.class),
    SHIPMENT_CANCELLED(ShipmentCancelled.class),
    SHIPMENT_CANCEL_REFUSED(ShipmentCancelRefused.class),
    SHIPMENT_DISPATCHED(ShipmentDispatched.class),
    SHIPMENT_DELIVERED(ShipmentDelivered.class);

    /** The schema version every producer writes today. */
    public static final int CURRENT_VERSION = 1;

    private final Class<? extends MessagePayload> payloadType;

    MessageType(Class<? extends MessagePayload> payloadType) {
        this.payloadType = payloadType;
    }

    /** The name in the envelope's {@code type} and in the {@code type} message attribute. */
    public String wireName() {
        return payloadType.getSimpleName();
    }

    public Class<? extends MessagePayload> payloadType() {
        return payloadType;
    }

    public static Optional<MessageType> fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(type -> type.wireName().equals(wireName))
                .findFirst();
    }

    public static MessageType of(MessagePayload payload) {
        return Arrays.stream(values())
                .filter(type -> type.payloadType == payload.getClass())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a message payload: " + payload.getClass()));
    }
}

package dev.fulfilment.contracts;

import static dev.fulfilment.contracts.Destination.INVENTORY_COMMANDS;
import static dev.fulfilment.contracts.Destination.ORDER_EVENTS;
import static dev.fulfilment.contracts.Destination.SHIPPING_COMMANDS;

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
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every message the services exchange: the record its payload maps to, the queue it travels
 * on, and the versions of its schema this build knows. Producers write the newest version;
 * consumers read every version listed, so a new version can be rolled out while the old one
 * is still on the queues (schemas/TYPE.vN.json, one file per version).
 */
public enum MessageType {
    RESERVE_INVENTORY(ReserveInventory.class, INVENTORY_COMMANDS, 1),
    RELEASE_INVENTORY(ReleaseInventory.class, INVENTORY_COMMANDS, 1),
    INVENTORY_RESERVED(InventoryReserved.class, ORDER_EVENTS, 1, 2),
    INVENTORY_REJECTED(InventoryRejected.class, ORDER_EVENTS, 1),
    INVENTORY_RELEASED(InventoryReleased.class, ORDER_EVENTS, 1),
    CREATE_SHIPMENT(CreateShipment.class, SHIPPING_COMMANDS, 1),
    CANCEL_SHIPMENT(CancelShipment.class, SHIPPING_COMMANDS, 1),
    SHIPMENT_SCHEDULED(ShipmentScheduled.class, ORDER_EVENTS, 1),
    SHIPMENT_CANCELLED(ShipmentCancelled.class, ORDER_EVENTS, 1),
    SHIPMENT_CANCEL_REFUSED(ShipmentCancelRefused.class, ORDER_EVENTS, 1),
    SHIPMENT_DISPATCHED(ShipmentDispatched.class, ORDER_EVENTS, 1),
    SHIPMENT_DELIVERED(ShipmentDelivered.class, ORDER_EVENTS, 1);

    private static final Map<Class<? extends MessagePayload>, MessageType> BY_PAYLOAD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MessageType::payloadType, Function.identity()));
    private static final Map<String, MessageType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(MessageType::wireName, Function.identity()));

    private final Class<? extends MessagePayload> payloadType;
    private final Destination destination;
    private final SortedSet<Integer> versions;

    MessageType(Class<? extends MessagePayload> payloadType, Destination destination, Integer... versions) {
        this.payloadType = payloadType;
        this.destination = destination;
        this.versions = Collections.unmodifiableSortedSet(new TreeSet<>(Arrays.asList(versions)));
    }

    /** The name in the envelope's {@code type} and in the {@code type} message attribute. */
    public String wireName() {
        return payloadType.getSimpleName();
    }

    public Class<? extends MessagePayload> payloadType() {
        return payloadType;
    }

    /** The queue every message of this type goes to. */
    public Destination destination() {
        return destination;
    }

    /** The schema versions this build reads. */
    public SortedSet<Integer> versions() {
        return versions;
    }

    /** The version this build writes: the newest. */
    public int currentVersion() {
        return versions.last();
    }

    public static Optional<MessageType> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }

    public static MessageType of(MessagePayload payload) {
        return BY_PAYLOAD.get(payload.getClass());
    }
}

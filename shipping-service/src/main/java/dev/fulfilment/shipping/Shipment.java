package dev.fulfilment.shipping;

import dev.fulfilment.contracts.messages.ShippingAddress;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The one shipment of an order. */
@Entity
@Table(name = "shipments")
public class Shipment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "order_id", nullable = false, unique = true)
    public UUID orderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ShipmentStatus status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "lines")
    public List<ShipmentLine> lines;

    public String recipient;

    @Column(name = "address_line1")
    public String line1;

    @Column(name = "address_line2")
    public String line2;

    public String city;

    @Column(name = "postal_code")
    public String postalCode;

    @Column(columnDefinition = "bpchar")
    public String country;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "dispatched_at")
    public Instant dispatchedAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    @Version
    public long version;

    protected Shipment() {}

    public static Shipment schedule(UUID orderId, List<ShipmentLine> lines, ShippingAddress address, Instant now) {
        var shipment = newShipment(orderId, ShipmentStatus.SCHEDULED, now);
        shipment.lines = List.copyOf(lines);
        shipment.recipient = address.recipient();
        shipment.line1 = address.line1();
        shipment.line2 = address.line2();
        shipment.city = address.city();
        shipment.postalCode = address.postalCode();
        shipment.country = address.country();
        return shipment;
    }

    /** A shipment cancelled before it was asked for, so that a late CreateShipment schedules nothing. */
    public static Shipment cancelledBeforeCreation(UUID orderId, Instant now) {
        var shipment = newShipment(orderId, ShipmentStatus.CANCELLED, now);
        shipment.cancelledAt = now;
        return shipment;
    }

    private static Shipment newShipment(UUID orderId, ShipmentStatus status, Instant now) {
        var shipment = new Shipment();
        shipment.id = UUID.randomUUID();
        shipment.orderId = orderId;
        shipment.status = status;
        shipment.createdAt = now;
        shipment.updatedAt = now;
        return shipment;
    }

    public static Optional<Shipment> findByOrderId(UUID orderId) {
        return find("orderId", orderId).firstResultOptional();
    }

    /** @return whether the shipment was cancelled now (false: it already was) */
    public boolean cancel(Instant now) {
        if (status == ShipmentStatus.CANCELLED) {
            return false;
        }
        moveTo(ShipmentStatus.CANCELLED, now);
        cancelledAt = now;
        return true;
    }

    /** @return whether it was dispatched now (false: it already was) */
    public boolean dispatch(Instant now) {
        if (status == ShipmentStatus.DISPATCHED) {
            return false;
        }
        moveTo(ShipmentStatus.DISPATCHED, now);
        dispatchedAt = now;
        return true;
    }

    /** @return whether it was delivered now (false: it already was) */
    public boolean deliver(Instant now) {
        if (status == ShipmentStatus.DELIVERED) {
            return false;
        }
        moveTo(ShipmentStatus.DELIVERED, now);
        deliveredAt = now;
        return true;
    }

    private void moveTo(ShipmentStatus next, Instant now) {
        if (!status.canMoveTo(next)) {
            throw new ShipmentStateConflictException(id, status, next);
        }
        status = next;
        updatedAt = now;
    }
}

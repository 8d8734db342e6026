package dev.fulfilment.order;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One status change of an order: what, when, why, and which message caused it. */
@Entity
@Table(name = "order_timeline")
public class OrderTimelineEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    public Order order;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrderStatus status;

    @Column(nullable = false)
    public String reason;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "caused_by")
    public UUID causedBy;

    protected OrderTimelineEntry() {}

    /** The longest reason the table keeps (order_timeline.reason). */
    static final int REASON_LIMIT = 500;

    OrderTimelineEntry(Order order, OrderStatus status, String reason, Instant occurredAt, UUID causedBy) {
        this.order = order;
        this.status = status;
        this.reason = bounded(reason, REASON_LIMIT);
        this.occurredAt = occurredAt;
        this.causedBy = causedBy;
    }

    /**
     * The text cut to the limit, marked where it was cut: reasons come partly from other services'
     * messages, and no length of theirs may make a change of this order fail.
     */
    static String bounded(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "\u2026";
    }
}

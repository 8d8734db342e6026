package dev.fulfilment.order.service;

import dev.fulfilment.order.OrderNotFoundException;
import dev.fulfilment.order.OrderStatus;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/**
 * Orders read for the API, in plain JDBC: one statement for a page of orders with their lines,
 * two for an order with its lines and timeline, no entities and no transaction. Reads are most of
 * the traffic (a page reads its order again and again while it moves), and Hibernate's
 * entities, which the changes need, cost a read about a fifth of its CPU (docs/decisions/0028).
 * What a caller may see is decided here as in {@link OrderService}: a customer sees its own
 * orders only, and one it may not see is, to it, no order at all.
 */
@ApplicationScoped
public class OrderReads {

    private static final String COLUMNS = "o.id, o.customer_id, o.status, o.currency, o.recipient, o.address_line1,"
            + " o.address_line2, o.city, o.postal_code, o.country, o.shipment_id, o.rejection_reason, o.created_at,"
            + " o.updated_at, o.stuck_since";

    /** The order's columns, then each line's (none: one row of nulls), in line order. */
    private static final String ORDER_WITH_LINES = "select " + COLUMNS + ", l.sku, l.quantity, l.unit_price"
            + " from orders o left join order_lines l on l.order_id = o.id where o.id = ? order by l.line_number";

    private static final String TIMELINE =
            "select status, reason, occurred_at from order_timeline where order_id = ? order by occurred_at, id";

    private final AgroalDataSource database;

    OrderReads(AgroalDataSource database) {
        this.database = database;
    }

    /**
     * The order with its lines and timeline.
     *
     * @throws OrderNotFoundException when there is no such order the caller may see
     */
    public OrderSnapshot find(UUID orderId, Caller caller) {
        try (var connection = database.getConnection()) {
            List<OrderSnapshot> found;
            try (var statement = connection.prepareStatement(ORDER_WITH_LINES)) {
                statement.setObject(1, orderId);
                try (var rows = statement.executeQuery()) {
                    found = orders(rows);
                }
            }
            if (found.isEmpty() || !caller.maySeeOrdersOf(found.getFirst().customerId())) {
                throw new OrderNotFoundException(orderId);
            }
            var order = found.getFirst();
            return withTimeline(order, timeline(connection, orderId));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read order " + orderId, e);
        }
    }

    /**
     * Newest first, a page at a time; the orders come without their timelines. A customer's
     * listing holds its own orders only, whatever the query's customer.
     */
    public OrderQuery.Page list(OrderQuery query, Caller caller) {
        var customerId = query.customerId();
        if (caller instanceof Caller.Customer customer) {
            if (customerId != null && !customerId.equals(customer.id())) {
                return new OrderQuery.Page(List.of(), null);
            }
            customerId = customer.id();
        }
        var where = new StringBuilder("true");
        var parameters = new ArrayList<Object>();
        if (customerId != null) {
            where.append(" and o.customer_id = ?");
            parameters.add(customerId);
        }
        if (query.status() != null) {
            where.append(" and o.status = ?");
            parameters.add(query.status().name());
        }
        if (query.stuck() != null) {
            where.append(query.stuck() ? " and o.stuck_since is not null" : " and o.stuck_since is null");
        }
        if (query.after() != null) {
            var afterAt = OffsetDateTime.ofInstant(query.after().createdAt(), ZoneOffset.UTC);
            where.append(" and (o.created_at < ? or (o.created_at = ? and o.id < ?))");
            parameters.add(afterAt);
            parameters.add(afterAt);
            parameters.add(query.after().id());
        }
        // One more than asked for tells whether there is a next page; the page's lines in the same statement.
        var sql = "with page as (select " + COLUMNS + " from orders o where " + where
                + " order by o.created_at desc, o.id desc limit ?)"
                + " select o.*, l.sku, l.quantity, l.unit_price from page o"
                + " left join order_lines l on l.order_id = o.id"
                + " order by o.created_at desc, o.id desc, l.line_number";
        parameters.add(query.limit() + 1);
        try (var connection = database.getConnection();
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<OrderSnapshot> orders;
            try (var rows = statement.executeQuery()) {
                orders = orders(rows);
            }
            var page = orders.stream().limit(query.limit()).toList();
            var next = orders.size() > query.limit()
                    ? new OrderQuery.Position(
                            page.getLast().createdAt(), page.getLast().id())
                    : null;
            return new OrderQuery.Page(page, next);
        } catch (SQLException e) {
            throw new IllegalStateException("could not list orders", e);
        }
    }

    /**
     * Rows of orders joined with their lines, one row per line, an order's rows together; the
     * orders without their timelines.
     */
    private static List<OrderSnapshot> orders(ResultSet rows) throws SQLException {
        var orders = new LinkedHashMap<UUID, OrderSnapshot>();
        while (rows.next()) {
            var id = rows.getObject(1, UUID.class);
            var order = orders.computeIfAbsent(id, ignored -> order(rows, id));
            var sku = rows.getString(16);
            if (sku != null) {
                order.lines().add(new OrderSnapshot.Line(sku, rows.getInt(17), rows.getBigDecimal(18)));
            }
        }
        return orders.values().stream().map(order -> withTimeline(order, null)).toList();
    }

    private static OrderSnapshot order(ResultSet row, UUID id) {
        try {
            return new OrderSnapshot(
                    id,
                    row.getString(2),
                    OrderStatus.valueOf(row.getString(3)),
                    new ArrayList<>(),
                    row.getString(4),
                    new OrderSnapshot.Address(
                            row.getString(5),
                            row.getString(6),
                            row.getString(7),
                            row.getString(8),
                            row.getString(9),
                            row.getString(10)),
                    row.getObject(11, UUID.class),
                    row.getString(12),
                    instant(row, 13),
                    instant(row, 14),
                    instant(row, 15),
                    null);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read an order's row", e);
        }
    }

    private static List<OrderSnapshot.Change> timeline(Connection connection, UUID orderId) throws SQLException {
        try (var statement = connection.prepareStatement(TIMELINE)) {
            statement.setObject(1, orderId);
            try (var rows = statement.executeQuery()) {
                var changes = new ArrayList<OrderSnapshot.Change>();
                while (rows.next()) {
                    changes.add(new OrderSnapshot.Change(
                            OrderStatus.valueOf(rows.getString(1)), rows.getString(2), instant(rows, 3)));
                }
                return changes;
            }
        }
    }

    private static OrderSnapshot withTimeline(OrderSnapshot order, List<OrderSnapshot.Change> timeline) {
        return new OrderSnapshot(
                order.id(),
                order.customerId(),
                order.status(),
                List.copyOf(order.lines()),
                order.currency(),
                order.shippingAddress(),
                order.shipmentId(),
                order.rejectionReason(),
                order.createdAt(),
                order.updatedAt(),
                order.stuckSince(),
                timeline);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        var value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

package dev.fulfilment.order.service;

import dev.fulfilment.order.OrderLine;
import dev.fulfilment.order.ShippingAddress;
import java.util.List;

/** What a customer orders: products, quantities, and where they go. Each sku at most once. */
public record PlaceOrder(String customerId, List<OrderLine> lines, ShippingAddress shippingAddress) {}

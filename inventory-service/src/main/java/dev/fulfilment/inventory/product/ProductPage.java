package dev.fulfilment.inventory.product;

import java.util.List;

/**
 * One page of GET /inventory.
 *
 * @param nextCursor pass it as {@code cursor} for the next page; absent on the last page
 */
public record ProductPage(List<ProductView> items, String nextCursor) {}

package dev.fulfilment.inventory.stock;

import java.time.Instant;
import java.util.UUID;

/**
 * A change of a product's available units by an operator, kept as its audit trail.
 *
 * @param quantity units added (positive) or removed (negative)
 * @param reason why, in the operator's words: a delivery, a count, damage
 * @param by the operator who made it (the subject of their token)
 */
public record StockAdjustment(UUID id, String sku, int quantity, String reason, String by, Instant at) {}

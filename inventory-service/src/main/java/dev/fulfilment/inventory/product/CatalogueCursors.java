package dev.fulfilment.inventory.product;

import dev.fulfilment.inventory.table.InventoryTable;
import dev.fulfilment.support.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The {@code cursor} of GET /inventory: where a page ended, opaque to clients. */
final class CatalogueCursors {

    private CatalogueCursors() {}

    static String encode(ProductRepository.CatalogueCursor cursor) {
        var raw = cursor.shard() + "/" + (cursor.lastSku() == null ? "" : cursor.lastSku());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static ProductRepository.CatalogueCursor decode(String cursor) {
        try {
            var raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            var slash = raw.indexOf('/');
            var shard = Integer.parseInt(raw.substring(0, slash));
            var lastSku = raw.substring(slash + 1);
            // Each part is checked, and that they belong together: DynamoDB refuses a start key
            // outside the partition queried, which would otherwise be a 500.
            if (shard < 0
                    || shard >= InventoryTable.CATALOGUE_SHARDS
                    || (!lastSku.isEmpty()
                            && (!lastSku.matches(Product.SKU_PATTERN)
                                    || InventoryTable.catalogueShard(lastSku) != shard))) {
                throw new IllegalArgumentException(raw);
            }
            return new ProductRepository.CatalogueCursor(shard, lastSku.isEmpty() ? null : lastSku);
        } catch (RuntimeException e) {
            throw new InvalidRequestException("cursor", "is not a cursor this API returned");
        }
    }
}

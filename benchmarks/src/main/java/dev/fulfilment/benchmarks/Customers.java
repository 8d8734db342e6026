package dev.fulfilment.benchmarks;

import dev.fulfilment.devstack.identity.LocalIssuer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The customers a benchmark orders as: many, each placing a few orders, as a shop's traffic
 * comes, and as order-service's limits of what one customer holds open require
 * (orders.limits: every confirmed order stays open until it ships, which no benchmark does).
 * Order n is placed by customer n / {@value #ORDERS_EACH}; each customer's token is signed
 * once.
 */
final class Customers {

    /** Orders one customer places; under the default limit of open orders per customer (10). */
    static final int ORDERS_EACH = 5;

    private final LocalIssuer issuer;
    private final String prefix;
    private final Map<Integer, String> authorizations = new ConcurrentHashMap<>();

    /**
     * @param prefix starts every customer's id: a benchmark's phases (warm-up, measured run)
     *     take customers of their own
     */
    Customers(LocalIssuer issuer, String prefix) {
        this.issuer = issuer;
        this.prefix = prefix;
    }

    /** Signs the tokens of the customers of the first n orders now, outside what is measured. */
    Customers prepare(int orders) {
        for (int n = 0; n < orders; n += ORDERS_EACH) {
            authorization(n);
        }
        return this;
    }

    /** The {@code Authorization} header of the customer who places order n. */
    String authorization(int orderNumber) {
        return authorizations.computeIfAbsent(
                orderNumber / ORDERS_EACH,
                customer -> "Bearer " + issuer.token(LocalIssuer.Caller.CUSTOMER, prefix + "-" + customer));
    }
}

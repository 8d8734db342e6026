package dev.fulfilment.support.security;

/**
 * Who may do what, as roles of the caller's token. A customer is anyone signed in to the
 * customers' user pool; an operator is in the staff pool's {@code operator} group; the
 * warehouse's and the carrier's systems are machine-to-machine clients of the staff pool whose
 * scopes name what they may do.
 */
public final class Roles {

    /** Places, reads, lists and cancels its own orders. */
    public static final String CUSTOMER = "customer";

    /** The back office: reads every order, sets the catalogue and the stock. */
    public static final String OPERATOR = "operator";

    /** Reads shipments (the warehouse's and the carrier's systems). */
    public static final String SHIPMENTS_READ = "fulfilment/shipments.read";

    /** Hands a shipment to the carrier (the warehouse's system). */
    public static final String SHIPMENTS_DISPATCH = "fulfilment/shipments.dispatch";

    /** Reports a shipment delivered (the carrier's system). */
    public static final String SHIPMENTS_DELIVER = "fulfilment/shipments.deliver";

    /** The OIDC tenant of the customers' user pool; every token of it is a customer's. */
    public static final String CUSTOMERS_TENANT = "customers";

    /** The OIDC tenant of the staff user pool: operators and machine-to-machine clients. */
    public static final String STAFF_TENANT = "staff";

    private Roles() {}
}

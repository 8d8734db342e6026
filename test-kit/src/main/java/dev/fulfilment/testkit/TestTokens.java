package dev.fulfilment.testkit;

import dev.fulfilment.devstack.identity.LocalIssuer;
import java.nio.file.Path;

/**
 * Tokens for a service's tests, from the same local issuer that {@link
 * LocalServersTestResource} makes the service trust: the tests sign in as the callers the
 * service meets in production, with nothing switched off.
 */
public final class TestTokens {

    private static final LocalIssuer ISSUER = LocalIssuer.in(Path.of("target", "local-issuer"));

    private TestTokens() {}

    public static LocalIssuer issuer() {
        return ISSUER;
    }

    /** A customer of the customers' pool, with this id as the token's subject. */
    public static String customer(String customerId) {
        return ISSUER.token(LocalIssuer.Caller.CUSTOMER, customerId);
    }

    /** An operator of the back office. */
    public static String operator() {
        return ISSUER.token(LocalIssuer.Caller.OPERATOR, "operator-1");
    }

    /** The warehouse's system: reads and dispatches shipments. */
    public static String warehouse() {
        return ISSUER.token(LocalIssuer.Caller.WAREHOUSE, null);
    }

    /** The carrier's system: reads shipments and reports them delivered. */
    public static String carrier() {
        return ISSUER.token(LocalIssuer.Caller.CARRIER, null);
    }
}

package dev.fulfilment.order.rest;

import dev.fulfilment.order.service.Caller;
import dev.fulfilment.support.security.Roles;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

/** The order service's view of the caller that @RolesAllowed let in. */
final class Callers {

    /** Customer ids are stored as up to 64 characters; Cognito's subjects are UUIDs. */
    private static final int MAX_CUSTOMER_ID = 64;

    private Callers() {}

    static Caller of(SecurityIdentity identity) {
        if (identity.hasRole(Roles.CUSTOMER)) {
            return customer(identity);
        }
        if (identity.hasRole(Roles.OPERATOR)) {
            return new Caller.BackOffice(identity.getPrincipal().getName());
        }
        throw new ForbiddenException("neither a customer nor an operator");
    }

    static Caller.Customer customer(SecurityIdentity identity) {
        var id = identity.getPrincipal().getName();
        if (!identity.hasRole(Roles.CUSTOMER) || id == null || id.isEmpty() || id.length() > MAX_CUSTOMER_ID) {
            throw new ForbiddenException("not a customer's token");
        }
        return new Caller.Customer(id);
    }
}

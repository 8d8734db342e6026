package dev.fulfilment.support.security;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Completes what the OIDC tenants check of a token: it must come from an app client this
 * system knows, and a token of the customers' pool makes its bearer a customer and nothing
 * else, whatever groups or scopes it carries (that pool holds nobody else). Staff tokens keep
 * the roles their tenant reads: operator groups and machine clients' scopes.
 */
@ApplicationScoped
public class CallerAugmentor implements SecurityIdentityAugmentor {

    private final AuthConfig config;

    CallerAugmentor(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof OidcJwtCallerPrincipal token)) {
            return Uni.createFrom().item(identity);
        }
        // Read from the claims themselves, whatever their type: JsonWebToken.getClaim throws
        // and catches an exception inside for every claim name the MicroProfile JWT spec does
        // not list, and its generic result failed with a 500 on a client_id that is a list.
        var clientId = token.getClaims().getClaimValue("client_id");
        if (!(clientId instanceof String id) || !config.clientIds().contains(id)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown client " + clientId));
        }
        if (Roles.CUSTOMERS_TENANT.equals(identity.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE))) {
            return Uni.createFrom()
                    .item(QuarkusSecurityIdentity.builder()
                            .setPrincipal(identity.getPrincipal())
                            .addCredentials(identity.getCredentials())
                            .addAttributes(identity.getAttributes())
                            .addRole(Roles.CUSTOMER)
                            .build());
        }
        return Uni.createFrom().item(identity);
    }
}

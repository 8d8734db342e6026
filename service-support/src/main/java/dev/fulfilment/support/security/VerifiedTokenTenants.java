package dev.fulfilment.support.security;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The OIDC tenant of a bearer token quarkus-oidc has verified before ({@link VerifiedTokens}), so
 * that it is not found again by reading the token's issuer; for any other request none, and
 * quarkus-oidc resolves the tenant by the issuer as configured
 * ({@code quarkus.oidc.resolve-tenants-with-issuer}).
 */
@ApplicationScoped
public class VerifiedTokenTenants implements TenantResolver {

    private static final String BEARER = "Bearer ";

    private final VerifiedTokens tokens;

    VerifiedTokenTenants(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public String resolve(RoutingContext context) {
        var authorization = context.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        var verified = tokens.find(authorization.substring(BEARER.length()).trim());
        // The identity provider, next, takes it from here rather than look the token up again.
        verified.ifPresent(found -> context.put(VerifiedTokens.Verified.class.getName(), found));
        return verified.map(VerifiedTokens.Verified::tenant).orElse(null);
    }
}

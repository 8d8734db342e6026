package dev.fulfilment.support.security;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.common.OidcEndpoint;
import io.quarkus.oidc.common.OidcResponseFilter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every time quarkus-oidc fetches an issuer's keys (at start, and again when a token names a key
 * it does not know), the verified tokens are forgotten ({@link VerifiedTokens}): the set may have
 * lost a key.
 */
// quarkus-oidc looks its filters up by type; nothing injects this one.
@Unremovable
@ApplicationScoped
@OidcEndpoint(OidcEndpoint.Type.JWKS)
public class KeySetFetches implements OidcResponseFilter {

    private final VerifiedTokens tokens;

    KeySetFetches(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<Void> filter(OidcResponseFilterContext response) {
        tokens.keysFetched();
        return Uni.createFrom().voidItem();
    }
}

package dev.fulfilment.support.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a bearer token quarkus-oidc has verified before and that has not expired with the
 * identity quarkus-oidc made of it ({@link VerifiedTokens}); any other token goes on to
 * quarkus-oidc, which runs after this provider.
 */
@ApplicationScoped
public class VerifiedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** Before quarkus-oidc's provider, which has SYSTEM_FIRST + 1. */
    private static final int BEFORE_OIDC = SYSTEM_FIRST + 100;

    private final VerifiedTokens tokens;

    VerifiedTokenIdentityProvider(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return BEFORE_OIDC;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof AccessTokenCredential token)) {
            return Uni.createFrom().nullItem();
        }
        var routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        var verified =
                routing == null ? null : routing.<VerifiedTokens.Verified>get(VerifiedTokens.Verified.class.getName());
        if (verified == null || !verified.recognises(token.getToken())) {
            verified = tokens.find(token.getToken()).orElse(null);
        }
        return verified == null ? Uni.createFrom().nullItem() : Uni.createFrom().item(verified.forRequest(routing));
    }
}

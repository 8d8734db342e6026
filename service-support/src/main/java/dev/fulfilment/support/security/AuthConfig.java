package dev.fulfilment.support.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Set;

/** Which tokens the service accepts, beyond what the OIDC tenants check (issuer, signature, expiry). */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    /**
     * The app clients whose access tokens are accepted (the token's {@code client_id}): the
     * customers' web app, the back office, the warehouse and the carrier. Cognito's access
     * tokens carry no audience; the client is what names the application.
     */
    Set<String> clientIds();

    /** Tokens verified once and then recognised until they expire (VerifiedTokens). */
    TokenCache tokenCache();

    interface TokenCache {

        /** Off: every request's token is verified in full, as quarkus-oidc alone does. */
        @WithDefault("true")
        boolean enabled();

        /**
         * The most tokens kept, least recently used first to go: about 4 KB each on the heap,
         * so 2,000 are about 8 MB of the services' 128 MB.
         */
        @WithDefault("2000")
        int maxSize();
    }
}

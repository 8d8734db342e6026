package dev.fulfilment.support.security;

import io.smallrye.config.ConfigMapping;
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
}

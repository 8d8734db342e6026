package dev.fulfilment.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Access tokens this service has verified, recognised again until they expire: a customer's page
 * that reads its order again and again pays for one signature check per token, not one per
 * request (docs/decisions/0028). quarkus-oidc verifies every token the first time (signature,
 * issuer, expiry, required claims); what is kept is the identity it made, before any augmentor
 * ran, so every request's identity still passes {@link CallerAugmentor} and the rules on app
 * clients and roles apply to each request as before.
 *
 * <p>A token is recognised only
 *
 * <ul>
 *   <li>by the SHA-256 of its exact text: a token changed in one byte is another token, verified in
 *       full;
 *   <li>before its {@code exp}, never after it, to the second (quarkus-oidc allows no grace either);
 *   <li>while quarkus-oidc holds the key set it was verified with: when quarkus-oidc fetches the
 *       issuer's keys again (it does when a token names a key it does not know), every token is
 *       forgotten, and none verified in the next {@link #SETTLING} is kept, so that a token of a key
 *       gone from the set is refused as quarkus-oidc refuses it.
 * </ul>
 *
 * At most {@link AuthConfig.TokenCache#maxSize()} tokens are kept, the least recently used going
 * first.
 */
@Singleton
public class VerifiedTokens {

    /** Marks an identity made from a recognised token, which is not kept again. */
    static final String RECOGNISED = VerifiedTokens.class.getName() + ".recognised";

    /** After quarkus-oidc fetches the keys, verifications that may have used the old set are not kept. */
    static final Duration SETTLING = Duration.ofSeconds(5);

    /**
     * What quarkus-oidc made of a token.
     *
     * @param identity without the attributes of the request it came with
     * @param token the token itself
     * @param expiresAt the token's {@code exp}, in seconds since the epoch
     * @param tenant the OIDC tenant that verified it
     */
    record Verified(SecurityIdentity identity, String token, long expiresAt, String tenant) {

        /** Whether this is what was kept of that very token, still unexpired. */
        boolean recognises(String token) {
            return this.token.equals(token) && System.currentTimeMillis() / 1000 < expiresAt;
        }

        /** The identity for another request that carries the same token. */
        SecurityIdentity forRequest(RoutingContext request) {
            return QuarkusSecurityIdentity.builder(identity)
                    .addAttribute(RoutingContext.class.getName(), request)
                    .addAttribute(RECOGNISED, Boolean.TRUE)
                    .build();
        }
    }

    private final Cache<String, Verified> tokens;
    private final boolean enabled;
    private volatile long keysFetchedAt = System.currentTimeMillis() - SETTLING.toMillis();

    VerifiedTokens(AuthConfig config, MeterRegistry registry) {
        this.enabled = config.tokenCache().enabled();
        this.tokens = Caffeine.newBuilder()
                .maximumSize(config.tokenCache().maxSize())
                .expireAfter(Expiry.creating((String token, Verified verified) ->
                        Duration.ofMillis(Math.max(0, verified.expiresAt() * 1000 - System.currentTimeMillis()))))
                .build();
        Gauge.builder("auth.verified.tokens", this, VerifiedTokens::size)
                .description("Bearer tokens verified and recognised until they expire")
                .register(registry);
    }

    /** The identity quarkus-oidc made of this token, if it verified it and it has not expired. */
    Optional<Verified> find(String token) {
        if (!enabled || token == null) {
            return Optional.empty();
        }
        var verified = tokens.getIfPresent(key(token));
        if (verified == null || System.currentTimeMillis() / 1000 >= verified.expiresAt()) {
            return Optional.empty();
        }
        return Optional.of(verified);
    }

    /** Keeps what quarkus-oidc made of a token it has just verified. */
    void remember(String token, SecurityIdentity verified) {
        if (!enabled
                || verified.getAttribute(RECOGNISED) != null
                || !(verified instanceof QuarkusSecurityIdentity identity)
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)
                || !(identity.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE) instanceof String tenant)) {
            return;
        }
        var now = System.currentTimeMillis();
        if (jwt.getExpirationTime() <= now / 1000 || now < keysFetchedAt + SETTLING.toMillis()) {
            return;
        }
        var kept = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addRoles(identity.getRoles())
                .addPermissions(identity.getPermissions());
        // The request it came with is not kept: its routing context, and the blocking-call context.
        identity.getAttributes().forEach((name, value) -> {
            if (!name.equals(RoutingContext.class.getName())
                    && !name.equals(AuthenticationRequestContext.class.getName())) {
                kept.addAttribute(name, value);
            }
        });
        tokens.put(key(token), new Verified(kept.build(), token, jwt.getExpirationTime(), tenant));
    }

    /** quarkus-oidc has fetched the issuer's keys: the set may have changed. */
    void keysFetched() {
        keysFetchedAt = System.currentTimeMillis();
        tokens.invalidateAll();
    }

    /** How many tokens are kept now. */
    long size() {
        tokens.cleanUp();
        return tokens.estimatedSize();
    }

    private static String key(String token) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AuthenticationFailedException(e);
        }
    }
}

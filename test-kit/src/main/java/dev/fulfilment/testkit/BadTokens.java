package dev.fulfilment.testkit;

import dev.fulfilment.devstack.identity.LocalIssuer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Tokens a service must refuse, each a valid token of the caller with one thing wrong: the
 * attacks on JWT validation that work against careless services, and tokens of the right
 * issuer that are not access tokens of a known client.
 */
public final class BadTokens {

    private BadTokens() {}

    /** Name of what is wrong → the token. */
    public static Map<String, String> of(LocalIssuer issuer, LocalIssuer.Caller caller, String subject) {
        var tokens = new LinkedHashMap<String, String>();
        var now = NumericDate.now().getValue();

        tokens.put("unsigned (alg none)", unsigned(issuer.claims(caller, subject)));
        tokens.put("HS256 keyed with the issuer's public key", hmacWithPublicKey(issuer, caller, subject));
        tokens.put("signed by another key", LocalIssuer.withNewKey().token(caller, subject));

        var expired = issuer.claims(caller, subject);
        expired.setIssuedAt(NumericDate.fromSeconds(now - 7200));
        expired.setExpirationTime(NumericDate.fromSeconds(now - 3600));
        tokens.put("expired an hour ago", issuer.sign(expired));

        var notYetValid = issuer.claims(caller, subject);
        notYetValid.setNotBefore(NumericDate.fromSeconds(now + 3600));
        tokens.put("not valid before an hour from now", issuer.sign(notYetValid));

        var otherIssuer = issuer.claims(caller, subject);
        otherIssuer.setIssuer("https://issuer.example.com/someone-else");
        tokens.put("another issuer", issuer.sign(otherIssuer));

        var unknownClient = issuer.claims(caller, subject);
        unknownClient.setClaim("client_id", "someone-elses-app");
        tokens.put("an app client this system does not know", issuer.sign(unknownClient));

        var noClient = issuer.claims(caller, subject);
        noClient.unsetClaim("client_id");
        tokens.put("no app client at all", issuer.sign(noClient));

        var clientNotAName = issuer.claims(caller, subject);
        clientNotAName.setClaim("client_id", List.of("dev-stack-web"));
        tokens.put("an app client that is a list, not a name", issuer.sign(clientNotAName));

        var idToken = issuer.claims(caller, subject);
        idToken.setClaim("token_use", "id");
        tokens.put("an ID token, not an access token", issuer.sign(idToken));

        tokens.put("payload changed after signing", tampered(issuer.token(caller, subject)));
        tokens.put("not a JWT", "not-a-token");
        return tokens;
    }

    private static String unsigned(JwtClaims claims) {
        var encoder = Base64.getUrlEncoder().withoutPadding();
        var header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        var payload = encoder.encodeToString(claims.toJson().getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    private static String hmacWithPublicKey(LocalIssuer issuer, LocalIssuer.Caller caller, String subject) {
        var signature = new JsonWebSignature();
        signature.setPayload(issuer.claims(caller, subject).toJson());
        signature.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        signature.setKey(new HmacKey(issuer.publicKey().getEncoded()));
        signature.setKeyIdHeaderValue(issuer.keyId());
        try {
            return signature.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signature of one payload on another: the subject and client of someone else. */
    private static String tampered(String token) {
        var parts = token.split("\\.");
        var decoder = Base64.getUrlDecoder();
        var payload = new String(decoder.decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"sub\":\"[^\"]*\"", "\"sub\":\"someone-else\"");
        var encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + encoded + "." + parts[2];
    }
}

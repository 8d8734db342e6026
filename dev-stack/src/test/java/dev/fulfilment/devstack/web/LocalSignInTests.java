package dev.fulfilment.devstack.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulfilment.devstack.identity.LocalIssuer;
import java.util.HashMap;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

/** The local sign-in holds to what Cognito's hosted UI checks for a public client with PKCE. */
class LocalSignInTests {

    private static final String ORIGIN = "http://localhost:8080";
    private static final String VERIFIER = "a-verifier-of-at-least-forty-three-characters-0123456789";

    private final LocalIssuer issuer = LocalIssuer.withNewKey();
    private final LocalSignIn signIn = new LocalSignIn(issuer, ORIGIN);

    @Test
    void aCustomerSignsInWithTheVerifierOfTheChallengeAndGetsACustomersToken() throws Exception {
        var request = signIn.check(authorization("dev-stack-web", ORIGIN + "/"));
        var back = signIn.approve(request, "alice", null);

        assertThat(back.toString()).startsWith(ORIGIN + "/?code=").endsWith("&state=s-1");
        var token = signIn.exchange(exchange(codeOf(back), "dev-stack-web", ORIGIN + "/", VERIFIER));
        assertThat(token).isPresent();
        var claims = claimsOf(token.get());
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getIssuer()).isEqualTo(LocalIssuer.CUSTOMERS_ISSUER);
    }

    @Test
    void theBackOfficeSignsInStaffOnly() throws Exception {
        var request = signIn.check(authorization("dev-stack-back-office", ORIGIN + "/back-office.html"));
        var code = codeOf(signIn.approve(request, "warehouse", null));
        var claims = claimsOf(
                signIn.exchange(exchange(code, "dev-stack-back-office", ORIGIN + "/back-office.html", VERIFIER))
                        .orElseThrow());
        assertThat(claims.getIssuer()).isEqualTo(LocalIssuer.STAFF_ISSUER);
        assertThat(claims.getStringClaimValue("scope")).contains("fulfilment/shipments.dispatch");

        assertThatThrownBy(() -> signIn.approve(request, "alice", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCodeWorksOnceAndOnlyWithItsVerifierClientAndRedirect() {
        var request = signIn.check(authorization("dev-stack-web", ORIGIN + "/"));
        var code = codeOf(signIn.approve(request, "alice", null));
        assertThat(signIn.exchange(exchange(code, "dev-stack-web", ORIGIN + "/", VERIFIER + "x")))
                .isEmpty();
        // A failed exchange spends the code, as an attacker's guess must not leave it usable.
        assertThat(signIn.exchange(exchange(code, "dev-stack-web", ORIGIN + "/", VERIFIER)))
                .isEmpty();

        var again = codeOf(signIn.approve(request, "alice", null));
        assertThat(signIn.exchange(exchange(again, "dev-stack-back-office", ORIGIN + "/", VERIFIER)))
                .isEmpty();
        var third = codeOf(signIn.approve(request, "alice", null));
        assertThat(signIn.exchange(exchange(third, "dev-stack-web", ORIGIN + "/", VERIFIER)))
                .isPresent();
        assertThat(signIn.exchange(exchange(third, "dev-stack-web", ORIGIN + "/", VERIFIER)))
                .isEmpty();
    }

    @Test
    void aRequestThatCouldSendTheCodeElsewhereOrWithoutPkceIsRefused() {
        assertThatThrownBy(() -> signIn.check(authorization("dev-stack-web", "https://attacker.example/")))
                .isInstanceOf(LocalSignIn.Refused.class);
        assertThatThrownBy(() -> signIn.check(authorization("dev-stack-web", ORIGIN + "/back-office.html")))
                .isInstanceOf(LocalSignIn.Refused.class);
        assertThatThrownBy(() -> signIn.check(authorization("dev-stack-warehouse", ORIGIN + "/")))
                .isInstanceOf(LocalSignIn.Refused.class);
        var plain = authorization("dev-stack-web", ORIGIN + "/");
        plain.put("code_challenge_method", "plain");
        assertThatThrownBy(() -> signIn.check(plain)).isInstanceOf(LocalSignIn.Refused.class);
        var noState = authorization("dev-stack-web", ORIGIN + "/");
        noState.remove("state");
        assertThatThrownBy(() -> signIn.check(noState)).isInstanceOf(LocalSignIn.Refused.class);
    }

    @Test
    void theSignInPageEscapesWhatTheRequestCarries() {
        var parameters = authorization("dev-stack-web", ORIGIN + "/");
        parameters.put("state", "\"><script>alert(1)</script>");
        var page = SignInPage.form(signIn.check(parameters), parameters, null);
        assertThat(page).doesNotContain("<script>").contains("&quot;&gt;&lt;script&gt;");
    }

    private static Map<String, String> authorization(String clientId, String redirectUri) {
        var parameters = new HashMap<String, String>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", redirectUri);
        parameters.put("scope", "openid");
        parameters.put("state", "s-1");
        parameters.put("code_challenge", LocalSignIn.challengeOf(VERIFIER));
        parameters.put("code_challenge_method", "S256");
        return parameters;
    }

    private static Map<String, String> exchange(String code, String clientId, String redirectUri, String verifier) {
        return Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "client_id", clientId,
                "redirect_uri", redirectUri,
                "code_verifier", verifier);
    }

    private static String codeOf(java.net.URI back) {
        return WebSite.parse(back.getRawQuery()).get("code");
    }

    private JwtClaims claimsOf(String token) throws Exception {
        return new JwtConsumerBuilder()
                .setVerificationKey(issuer.publicKey())
                .setSkipDefaultAudienceValidation()
                .build()
                .processToClaims(token);
    }
}

package dev.fulfilment.devstack.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.Use;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Stands in for the two Cognito user pools locally: a key pair of its own (kept in a folder,
 * made on first use) that signs access tokens shaped as Cognito's, and the configuration that
 * makes the services accept them. dev-stack, {@code ./dev-stack/token}, the services' tests and
 * the system tests all get their tokens here; the services check them as they check Cognito's.
 */
public final class LocalIssuer {

    /** The customers' pool: every token of it is a customer's. */
    public static final String CUSTOMERS_ISSUER = "https://issuer.dev-stack.local/customers";

    /** The staff pool: operators, and the warehouse's and carrier's machine clients. */
    public static final String STAFF_ISSUER = "https://issuer.dev-stack.local/staff";

    /** How long a token of this issuer is valid. */
    public static final Duration LIFETIME = Duration.ofHours(12);

    /** The kinds of caller, with the app client each signs in through. */
    public enum Caller {
        CUSTOMER("dev-stack-web", CUSTOMERS_ISSUER, null, List.of()),
        OPERATOR("dev-stack-back-office", STAFF_ISSUER, "operator", List.of()),
        WAREHOUSE(
                "dev-stack-warehouse",
                STAFF_ISSUER,
                null,
                List.of("fulfilment/shipments.read", "fulfilment/shipments.dispatch")),
        CARRIER(
                "dev-stack-carrier",
                STAFF_ISSUER,
                null,
                List.of("fulfilment/shipments.read", "fulfilment/shipments.deliver"));

        private final String clientId;
        private final String issuer;
        private final String group;
        private final List<String> scopes;

        Caller(String clientId, String issuer, String group, List<String> scopes) {
            this.clientId = clientId;
            this.issuer = issuer;
            this.group = group;
            this.scopes = scopes;
        }

        public String clientId() {
            return clientId;
        }

        public String issuer() {
            return issuer;
        }
    }

    private final RSAPrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    private LocalIssuer(RSAPrivateKey privateKey, RSAPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = "dev-stack-" + Integer.toHexString(publicKey.getModulus().hashCode());
    }

    /** An issuer with a key of its own that nobody trusts: a forger's. */
    public static LocalIssuer withNewKey() {
        try {
            var keys = newKeys();
            return new LocalIssuer((RSAPrivateKey) keys.getPrivate(), (RSAPublicKey) keys.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a key", e);
        }
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The issuer whose key is in the folder, made there first if it holds none. */
    public static LocalIssuer in(Path directory) {
        var keyFile = directory.resolve("signing-key.pk8");
        try {
            Files.createDirectories(directory);
            try (var lock = FileChannel.open(
                            directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    var held = lock.lock()) {
                if (!Files.exists(keyFile)) {
                    write(keyFile, newKeys());
                }
            }
            var issuer = read(keyFile);
            issuer.writeServiceConfiguration(directory.resolve("services.properties"));
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the local issuer's key in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the local issuer's key", e);
        }
    }

    private static void write(Path keyFile, KeyPair keys) throws IOException {
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(keyFile, keys.getPrivate().getEncoded());
    }

    private static LocalIssuer read(Path keyFile) throws IOException, GeneralSecurityException {
        var factory = KeyFactory.getInstance("RSA");
        var privateKey = (RSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(keyFile)));
        var crt = (RSAPrivateCrtKey) privateKey;
        var publicKey =
                (RSAPublicKey) factory.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        return new LocalIssuer(privateKey, publicKey);
    }

    /**
     * An access token as Cognito issues them: {@code sub}, {@code client_id},
     * {@code token_use=access}; an operator's with {@code cognito:groups}, a machine client's
     * with the {@code scope} of what it may do.
     *
     * @param subject the user (a customer's id, an operator's); machine clients are their client
     */
    public String token(Caller caller, String subject) {
        var claims = claims(caller, subject == null ? caller.clientId() : subject);
        return sign(claims);
    }

    /** The claims {@link #token} signs, for tests that make tokens invalid on purpose. */
    public JwtClaims claims(Caller caller, String subject) {
        var now = Instant.now();
        var claims = new JwtClaims();
        claims.setIssuer(caller.issuer());
        claims.setSubject(subject);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(LIFETIME).getEpochSecond()));
        claims.setClaim("auth_time", now.getEpochSecond());
        claims.setClaim("token_use", "access");
        claims.setClaim("client_id", caller.clientId());
        if (caller.group != null) {
            claims.setClaim("username", subject);
            claims.setClaim("cognito:groups", List.of(caller.group));
            claims.setClaim("scope", "openid");
        } else if (!caller.scopes.isEmpty()) {
            claims.setClaim("scope", String.join(" ", caller.scopes));
        } else {
            claims.setClaim("username", subject);
            claims.setClaim("scope", "openid");
        }
        return claims;
    }

    /** Signs the claims with this issuer's key (RS256), as Cognito signs with its pool's. */
    public String sign(JwtClaims claims) {
        var signature = new JsonWebSignature();
        signature.setPayload(claims.toJson());
        signature.setKey(privateKey);
        signature.setKeyIdHeaderValue(keyId);
        signature.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return signature.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /**
     * The public key as a JSON Web Key Set, as Cognito publishes a pool's at {@code
     * /.well-known/jwks.json}: what the services in containers fetch to check this issuer's
     * tokens.
     */
    public String jwks() {
        var key = new RsaJsonWebKey(publicKey);
        key.setKeyId(keyId);
        key.setUse(Use.SIGNATURE);
        key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        return new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /**
     * The configuration as a properties file, for a service in dev mode ({@code
     * %dev.quarkus.config.locations} points at it).
     */
    private void writeServiceConfiguration(Path file) throws IOException {
        var lines = new java.util.ArrayList<String>();
        lines.add("# Written by dev-stack: services in dev mode accept ./dev-stack/token's tokens.");
        serviceConfiguration().forEach((name, value) -> lines.add(name + "=" + value));
        Files.write(file, lines);
    }

    /**
     * The configuration that makes a service accept this issuer's tokens in place of the two
     * user pools' (see service-support's microprofile-config.properties).
     */
    public Map<String, String> serviceConfiguration() {
        var publicKey = Base64.getEncoder().encodeToString(this.publicKey.getEncoded());
        var config = new LinkedHashMap<String, String>();
        config.put("quarkus.oidc.customers.public-key", publicKey);
        config.put("quarkus.oidc.customers.token.issuer", CUSTOMERS_ISSUER);
        config.put("quarkus.oidc.staff.public-key", publicKey);
        config.put("quarkus.oidc.staff.token.issuer", STAFF_ISSUER);
        config.put(
                "auth.client-ids",
                String.join(
                        ",",
                        Arrays.stream(Caller.values()).map(Caller::clientId).toList()));
        return config;
    }
}

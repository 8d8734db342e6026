package dev.fulfilment.devstack;

import dev.fulfilment.devstack.identity.LocalIssuer;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code ./dev-stack/token KIND [SUBJECT]}: prints an access token of dev-stack's issuer, which
 * the services started by {@code ./dev-stack/start} accept. KIND is customer, operator,
 * warehouse or carrier; SUBJECT is the customer's (or operator's) id. {@code ./dev-stack/token
 * env} prints the issuer's public key as {@code DEV_STACK_PUBLIC_KEY=...}, the one setting
 * docker-compose.yml needs for the services in containers to accept the same tokens.
 */
public final class TokenCommand {

    private TokenCommand() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("""
                    Usage: ./dev-stack/token customer CUSTOMER-ID | operator [NAME] | warehouse | carrier | env
                    Prints an access token that the services of ./dev-stack/start accept, e.g.
                      curl -H "Authorization: Bearer $(./dev-stack/token customer c-1)" localhost:8081/orders
                    or, with env, the public key that docker-compose.yml needs (./dev-stack/token env > .env).""");
            System.exit(2);
        }
        var projectRoot = Path.of(args[0]).toAbsolutePath().normalize();
        if (args[1].equals("env")) {
            var publicKey = LocalIssuer.in(DevStack.issuerDirectory(projectRoot))
                    .serviceConfiguration()
                    .get("quarkus.oidc.customers.public-key");
            System.out.println("DEV_STACK_PUBLIC_KEY=" + publicKey);
            return;
        }
        LocalIssuer.Caller caller;
        try {
            caller = LocalIssuer.Caller.valueOf(args[1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("Unknown kind '" + args[1] + "': customer, operator, warehouse or carrier.");
            System.exit(2);
            return;
        }
        var subject = args.length > 2 ? args[2] : null;
        if (caller == LocalIssuer.Caller.CUSTOMER && subject == null) {
            System.err.println("A customer token needs the customer's id: ./dev-stack/token customer c-1");
            System.exit(2);
        }
        if (caller == LocalIssuer.Caller.OPERATOR && subject == null) {
            subject = "operator";
        }
        var issuer = LocalIssuer.in(DevStack.issuerDirectory(projectRoot));
        System.out.println(issuer.token(caller, subject));
    }
}

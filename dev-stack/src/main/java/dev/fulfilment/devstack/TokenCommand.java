package dev.fulfilment.devstack;

import dev.fulfilment.devstack.identity.LocalIssuer;
import dev.fulfilment.devstack.web.SignInClient;
import java.net.URI;
import java.util.Locale;

/**
 * {@code ./dev-stack/token KIND [SUBJECT]}: prints an access token that the running system's
 * services accept, signed in at its local sign-in (./dev-stack/start's or docker compose's, on
 * {@code http://localhost:8080}, or {@code DEV_STACK_WEB_URL}) as a person signs in on the web
 * pages. KIND is customer, operator, warehouse or carrier; SUBJECT is the customer's id, or the
 * operator's name.
 */
public final class TokenCommand {

    private TokenCommand() {}

    public static void main(String[] args) {
        if (args.length < 1) {
            usage();
        }
        LocalIssuer.Caller caller;
        try {
            caller = LocalIssuer.Caller.valueOf(args[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("Unknown kind '" + args[0] + "': customer, operator, warehouse or carrier.");
            System.exit(2);
            return;
        }
        var subject = args.length > 1 ? args[1] : null;
        if (caller == LocalIssuer.Caller.CUSTOMER && subject == null) {
            System.err.println("A customer token needs the customer's id: ./dev-stack/token customer c-1");
            System.exit(2);
        }
        var site = System.getenv()
                .getOrDefault(
                        "DEV_STACK_WEB_URL",
                        "http://localhost:" + System.getenv().getOrDefault("DEV_STACK_WEB_PORT", "8080"));
        try {
            System.out.println(new SignInClient(URI.create(site)).token(caller, subject));
        } catch (IllegalStateException e) {
            System.err.println("No token: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void usage() {
        System.err.println("""
                Usage: ./dev-stack/token customer CUSTOMER-ID | operator [NAME] | warehouse | carrier
                Prints an access token that the running system's services accept, e.g.
                  curl -H "Authorization: Bearer $(./dev-stack/token customer c-1)" localhost:8081/orders""");
        System.exit(2);
    }
}

package dev.fulfilment.devstack.web;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The local sign-in's HTML: who you are, for the shop or the back office. No script, no style. */
final class SignInPage {

    private static final String[] CARRIED = {
        "response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"
    };

    private SignInPage() {}

    static String form(LocalSignIn.Request request, Map<String, String> parameters, String error) {
        var hidden = Stream.of(CARRIED)
                .filter(parameters::containsKey)
                .map(name ->
                        "<input type=\"hidden\" name=\"" + name + "\" value=\"" + escape(parameters.get(name)) + "\">")
                .collect(Collectors.joining("\n    "));
        var errorId = error == null ? "" : " aria-describedby=\"who-error\" aria-invalid=\"true\"";
        var errorText = error == null ? "" : "\n    <p id=\"who-error\" role=\"alert\">" + escape(error) + "</p>";
        var question = switch (request.client()) {
            case SHOP -> """
                            <label for="who">Customer id</label>
                                <input id="who" name="who" required autocomplete="username" value="%s"%s>%s
                                <p>Any id signs in as that customer (c-1, alice, ...): each sees only their own orders.</p>""".formatted(escape(parameters.getOrDefault("who", "c-1")), errorId, errorText);
            case BACK_OFFICE -> """
                            <fieldset%s>
                                  <legend>Sign in as</legend>
                                  <label><input type="radio" name="who" value="operator" checked> Operator (stock, orders)</label>
                                  <label for="name">named</label> <input id="name" name="name" autocomplete="username" placeholder="operator" value="%s"><br>
                                  <label><input type="radio" name="who" value="warehouse"> Warehouse (dispatches shipments)</label><br>
                                  <label><input type="radio" name="who" value="carrier"> Carrier (delivers shipments)</label>
                                </fieldset>%s""".formatted(errorId, escape(parameters.getOrDefault("name", "")), errorText);
        };
        return page(
                request.client() == LocalSignIn.Client.SHOP ? "Sign in to the shop" : "Sign in to the back office",
                """
                <p>dev-stack's local sign-in, for development only: in AWS, Cognito's hosted UI asks for a password here.</p>
                  <form method="post" action="/sign-in/authorize">
                    %s
                    %s
                    <p><button type="submit">Sign in</button></p>
                  </form>""".formatted(hidden, question));
    }

    static String refused(String reason) {
        return page(
                "Sign-in refused", "<p role=\"alert\">This sign-in request is not valid: " + escape(reason) + ".</p>");
    }

    private static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>%s</title>
                </head>
                <body>
                <main>
                  <h1>%s</h1>
                  %s
                </main>
                </body>
                </html>
                """.formatted(escape(title), escape(title), body);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}

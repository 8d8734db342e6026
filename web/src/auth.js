// Sign-in with the OAuth 2.0 authorization code flow and PKCE (RFC 7636), as a public client:
// the same code signs in against dev-stack's local sign-in page and against a Cognito user
// pool's hosted UI. The access token lives in memory only (never in localStorage or
// sessionStorage, where any script of the page could read it after the tab is closed): a
// reload signs in again, which the identity provider's own session makes one click at most.
// sessionStorage holds only the one-time PKCE verifier and state between the redirect out and
// the redirect back.

const PENDING = "fulfilment.sign-in";

/** Where the provider sends the browser back: this page, without query or fragment. */
export function redirectUri() {
  return window.location.origin + window.location.pathname;
}

/** Sends the browser to the provider's sign-in; it comes back with ?code=...&state=... */
export async function signIn(provider, returnTo = window.location.hash) {
  const verifier = randomString(48);
  const state = randomString(24);
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(provider.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: provider.clientId,
    redirect_uri: redirectUri(),
    scope: provider.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  window.location.assign(url.toString());
}

/**
 * Completes a sign-in when the page was opened by the provider's redirect: checks the state,
 * exchanges the code and the verifier for tokens, and cleans the address bar. Null when the
 * page was not opened that way.
 */
export async function completeSignIn(provider) {
  const query = new URLSearchParams(window.location.search);
  if (!query.has("code") && !query.has("error")) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? "null");
  sessionStorage.removeItem(PENDING);
  window.history.replaceState(null, "", redirectUri() + (pending?.returnTo ?? ""));
  if (query.has("error")) {
    throw new Error(`Sign-in failed: ${query.get("error_description") ?? query.get("error")}`);
  }
  if (!pending || pending.state !== query.get("state")) {
    throw new Error("Sign-in failed: the answer does not belong to a sign-in started here. Please sign in again.");
  }
  const response = await fetch(provider.tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: provider.clientId,
      code: query.get("code"),
      redirect_uri: redirectUri(),
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) {
    throw new Error(`Sign-in failed: the token endpoint answered ${response.status}. Please sign in again.`);
  }
  const tokens = await response.json();
  return session(tokens.access_token);
}

/** Ends the session here and, where the provider has one, there (Cognito's /logout). */
export function signOut(provider) {
  if (provider.logoutUrl) {
    const url = new URL(provider.logoutUrl);
    url.search = new URLSearchParams({ client_id: provider.clientId, logout_uri: redirectUri() }).toString();
    window.location.assign(url.toString());
  } else {
    window.location.assign(redirectUri());
  }
}

/**
 * The access token and what the page shows of it. The claims are read for display and to
 * choose which buttons to show; the services check the token's signature and decide.
 */
function session(accessToken) {
  const claims = JSON.parse(new TextDecoder().decode(fromBase64Url(accessToken.split(".")[1])));
  const scopes = (claims.scope ?? "").split(" ");
  const groups = claims["cognito:groups"] ?? [];
  return {
    accessToken,
    name: claims.username ?? claims.client_id ?? claims.sub,
    isOperator: groups.includes("operator"),
    mayDispatch: scopes.includes("fulfilment/shipments.dispatch"),
    mayDeliver: scopes.includes("fulfilment/shipments.deliver"),
  };
}

function randomString(bytes) {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

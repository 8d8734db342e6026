// Calls the three services. Every answer that is not 2xx becomes an ApiError carrying the
// problem+json the services send (title, detail, and per-field errors for 400s), so pages
// show the service's own words next to the field they are about.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `The service answered ${status}`);
    this.status = status;
    this.title = problem.title ?? `Error ${status}`;
    this.fieldErrors = Object.fromEntries((problem.errors ?? []).map((error) => [error.field, error.message]));
  }
}

/** The site's configuration (/config.json): the services' base URLs and the sign-in providers. */
export async function loadConfig() {
  const response = await fetch("/config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`The site's configuration did not load (${response.status}).`);
  return response.json();
}

/** A client for the services as the given session (or anonymous). */
export function client(config, session) {
  async function call(service, path, { method = "GET", body, headers = {} } = {}) {
    const requestHeaders = { Accept: "application/json", ...headers };
    if (session) requestHeaders.Authorization = `Bearer ${session.accessToken}`;
    if (body !== undefined) requestHeaders["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(config.api[service] + path, {
        method,
        headers: requestHeaders,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, { title: "No answer", detail: "The service could not be reached. Try again in a moment." });
    }
    const text = await response.text();
    const payload = text ? JSON.parse(text) : null;
    if (response.status === 401 && session) {
      // The token expired (Cognito's last an hour) or was revoked: the page keeps none to refresh.
      throw new ApiError(401, { title: "Your sign-in has ended", detail: "Sign out and sign in again to go on." });
    }
    if (!response.ok) {
      throw new ApiError(response.status, payload ?? { detail: response.statusText });
    }
    return payload;
  }
  return {
    get: (service, path) => call(service, path),
    post: (service, path, body, headers) => call(service, path, { method: "POST", body, headers }),
  };
}

/** An Idempotency-Key: one per attempt at something, sent again only when that same attempt is retried. */
export function newIdempotencyKey() {
  return crypto.randomUUID();
}

/** Query string of the defined parameters. */
export function query(parameters) {
  const defined = Object.entries(parameters).filter(([, value]) => value !== undefined && value !== null && value !== "");
  return defined.length ? "?" + new URLSearchParams(defined).toString() : "";
}

// Pieces both sites use: the frame, routing by the address's fragment, money, statuses,
// the timeline, forms whose fields show the service's own error messages.
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { loadConfig, query } from "./api.js";
import { completeSignIn, signIn, signOut } from "./auth.js";

/** The current route: the fragment split at slashes (#/orders/42 is ["orders", "42"]). */
export function useRoute() {
  const read = () => window.location.hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const changed = () => {
      setRoute(read());
      // Moving to a page moves the keyboard focus to its heading, as a page load would.
      requestAnimationFrame(() => document.querySelector("main h1")?.focus());
    };
    window.addEventListener("hashchange", changed);
    return () => window.removeEventListener("hashchange", changed);
  }, []);
  return route;
}

/** The page's frame: its name, its links, who is signed in, and signing in and out with the provider. */
export function Frame({ title, links, session, provider, children }) {
  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header>
        <span class="brand">{title}</span>
        <nav aria-label="Main">
          {links.map(({ href, label }) => (
            <a href={href} aria-current={window.location.hash === href ? "page" : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <div class="who">
          {session ? (
            <>
              <span>
                Signed in as <strong>{session.name}</strong>
              </span>
              <button type="button" class="secondary" onClick={() => signOut(provider)}>
                Sign out
              </button>
            </>
          ) : (
            <button type="button" onClick={() => signIn(provider)}>
              Sign in
            </button>
          )}
        </div>
      </header>
      <main id="main">{children}</main>
    </>
  );
}

/** What a page shows in place of what needs a signed-in user. */
export function SignInFirst({ provider, heading, children }) {
  return (
    <section>
      <Heading>{heading}</Heading>
      <p>{children}</p>
      <button type="button" onClick={() => signIn(provider)}>
        Sign in
      </button>
    </section>
  );
}

export function Heading({ children }) {
  return <h1 tabIndex={-1}>{children}</h1>;
}

/** A failure the page could not place on a field: what the service said, read out at once. */
export function Problem({ error }) {
  if (!error) return null;
  return (
    <div class="problem" role="alert">
      <strong>{error.title ?? "Something went wrong"}</strong>
      <p>{error.message}</p>
    </div>
  );
}

/** A labelled input whose error (the service's message for that field) is tied to it. */
export function Field({ label, name, error, hint, ...input }) {
  const id = `field-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div class={error ? "field invalid" : "field"}>
      <label for={id}>{label}</label>
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <input id={id} name={name} aria-invalid={error ? "true" : undefined} aria-describedby={described} {...input} />
      {error && (
        <span class="error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

export function money(amount, currency) {
  if (amount === undefined || amount === null) return "";
  return new Intl.NumberFormat(undefined, { style: "currency", currency: currency ?? "EUR" }).format(amount);
}

export function dateTime(instant) {
  return instant ? new Date(instant).toLocaleString() : "";
}

const STATUS_WORDS = {
  PENDING: "Pending",
  INVENTORY_RESERVED: "Stock reserved",
  CONFIRMED: "Confirmed",
  SHIPPED: "Shipped",
  DELIVERED: "Delivered",
  REJECTED: "Rejected",
  CANCELLING: "Cancelling",
  CANCELLED: "Cancelled",
  SCHEDULED: "Scheduled",
  DISPATCHED: "Dispatched",
};

export function Status({ status }) {
  return (
    <span class={`status status-${status.toLowerCase()}`} data-status={status}>
      {STATUS_WORDS[status] ?? status}
    </span>
  );
}

export const FINAL_STATUSES = new Set(["DELIVERED", "REJECTED", "CANCELLED"]);

export function Timeline({ entries }) {
  return (
    <ol class="timeline" aria-label="Timeline">
      {entries.map((entry) => (
        <li>
          <Status status={entry.status} /> <span>{entry.reason}</span>{" "}
          <time dateTime={entry.at}>{dateTime(entry.at)}</time>
        </li>
      ))}
    </ol>
  );
}

export function OrderLines({ order }) {
  return (
    <table>
      <caption class="visually-hidden">Lines of the order</caption>
      <thead>
        <tr>
          <th scope="col">Product</th>
          <th scope="col" class="number">
            Quantity
          </th>
          <th scope="col" class="number">
            Unit price
          </th>
          <th scope="col" class="number">
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {order.lines.map((line) => (
          <tr>
            <td>{line.sku}</td>
            <td class="number">{line.quantity}</td>
            <td class="number">{money(line.unitPrice, order.currency)}</td>
            <td class="number">{money(line.lineTotal, order.currency)}</td>
          </tr>
        ))}
      </tbody>
      {order.total !== undefined && (
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td class="number">{money(order.total, order.currency)}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

/**
 * How long to wait before reading a live order again: every second for its first minute on
 * the page and for a minute after each change (a saga takes well under a second a step), then
 * twice as long each time up to 30 s (an order can sit CONFIRMED for days until the warehouse
 * dispatches it), and 30 s while the page is hidden. An open page thus makes about 70 reads
 * in five minutes: one office behind one address stays far under the WAF's limit per address.
 */
export function nextReadDelay(sinceChange, previousDelay, hidden) {
  if (hidden) return 30_000;
  if (sinceChange < 60_000) return 1000;
  return Math.min(30_000, Math.max(2000, previousDelay * 2));
}

/** Reads the order again (see nextReadDelay) until it reaches a final status. */
export function useLiveOrder(api, orderId) {
  const [order, setOrder] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let stopped = false;
    let timer;
    let changedAt = Date.now();
    let lastSeen = null;
    let delay = 1000;
    let reading = false;
    const read = async () => {
      reading = true;
      try {
        const latest = await api.get("orders", `/orders/${encodeURIComponent(orderId)}`);
        if (stopped) return;
        const seen = `${latest.status} ${latest.timeline?.length ?? 0}`;
        if (seen !== lastSeen) {
          lastSeen = seen;
          changedAt = Date.now();
        }
        setOrder(latest);
        setError(null);
        if (FINAL_STATUSES.has(latest.status)) return;
      } catch (failure) {
        if (stopped) return;
        setError(failure);
        if (failure.status >= 400 && failure.status < 500) return;
      } finally {
        reading = false;
      }
      delay = nextReadDelay(Date.now() - changedAt, delay, document.hidden);
      timer = setTimeout(read, delay);
    };
    // A page shown again reads at once and is live for a minute, as a page just opened.
    const onVisible = () => {
      if (document.hidden || stopped) return;
      changedAt = Date.now();
      if (reading) return;
      clearTimeout(timer);
      read();
    };
    document.addEventListener("visibilitychange", onVisible);
    read();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [api, orderId]);
  return { order, error, setOrder };
}

/**
 * The orders a listing returns, a page at a time, newest first: the shop's "My orders" (the
 * service lists the customer's own) and the back office's listings (every customer's).
 *
 * @param filter the listing's query parameters (status, customerId, stuck); a change reloads
 */
export function OrderList({ api, filter = {}, showCustomer = false, empty }) {
  const [orders, setOrders] = useState(null);
  const [next, setNext] = useState(null);
  const [error, setError] = useState(null);
  const load = (cursor) =>
    api.get("orders", "/orders" + query({ ...filter, limit: 20, cursor })).then((page) => {
      setOrders((earlier) => (cursor ? [...earlier, ...page.items] : page.items));
      setNext(page.nextCursor ?? null);
      setError(null);
    }, setError);
  const key = JSON.stringify(filter);
  useEffect(() => {
    load(null);
  }, [api, key]);
  return (
    <>
      <Problem error={error} />
      {orders?.length === 0 && <p>{empty}</p>}
      {orders?.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Placed</th>
              {showCustomer && <th scope="col">Customer</th>}
              <th scope="col">Status</th>
              <th scope="col" class="number">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.map((order) => (
              <tr data-order={order.id}>
                <td>
                  <a href={`#/orders/${order.id}`}>{dateTime(order.createdAt)}</a>
                </td>
                {showCustomer && <td>{order.customerId}</td>}
                <td>
                  <Status status={order.status} />
                  {order.stuckSince && <span class="stuck"> stuck since {dateTime(order.stuckSince)}</span>}
                </td>
                <td class="number">{money(order.total, order.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" class="secondary" onClick={() => load(next)}>
          More orders
        </button>
      )}
    </>
  );
}

/**
 * Starts a page: reads the site's configuration, completes a sign-in the provider's redirect
 * brought back, and renders the page's root component with both.
 *
 * @param provider which sign-in of the configuration the page uses (shop, backOffice)
 */
export async function mount(provider, Root) {
  const element = document.getElementById("app");
  try {
    const config = await loadConfig();
    const session = await completeSignIn(config.signIn[provider]);
    render(<Root config={config} session={session} />, element);
  } catch (failure) {
    render(<Problem error={failure} />, element);
  }
}

// The back office: stock with adjustments and their audit trail, every order with a status
// filter, the stuck orders, and an order's shipment with dispatch and deliver for the
// warehouse and the carrier. What a page offers follows the signed-in token; the services
// decide (a 403 is shown as such).
import { useEffect, useMemo, useState } from "preact/hooks";
import { client, newIdempotencyKey, query } from "./api.js";
import { Field, Frame, Heading, OrderLines, OrderList, Problem, SignInFirst, Status, Timeline, dateTime, money, mount, useLiveOrder, useRoute } from "./ui.jsx";
import "./style.css";

const ORDER_STATUSES = ["PENDING", "INVENTORY_RESERVED", "CONFIRMED", "SHIPPED", "DELIVERED", "REJECTED", "CANCELLING", "CANCELLED"];

function BackOffice({ config, session }) {
  const api = useMemo(() => client(config, session), [config, session]);
  const route = useRoute();
  const provider = config.signIn.backOffice;

  let page;
  if (!session)
    page = (
      <SignInFirst provider={provider} heading="Back office">
        Operators manage stock and look after orders; the warehouse dispatches shipments and the carrier delivers them.
      </SignInFirst>
    );
  else if (route[0] === "stock" && route[1]) page = <Product api={api} sku={route[1]} />;
  else if (route[0] === "orders" && route[1]) page = <Order api={api} session={session} orderId={route[1]} />;
  else if (route[0] === "orders") page = <Orders api={api} />;
  else if (route[0] === "stuck") page = <Orders api={api} stuck />;
  else if (route[0] === "shipments") page = <FindShipment />;
  else if (route[0] === "dead-letters") page = <DeadLetters />;
  else page = session.isOperator ? <Stock api={api} /> : <FindShipment />;

  const links = session?.isOperator
    ? [
        { href: "#/stock", label: "Stock" },
        { href: "#/orders", label: "Orders" },
        { href: "#/stuck", label: "Stuck orders" },
        { href: "#/dead-letters", label: "Dead letters" },
      ]
    : [{ href: "#/shipments", label: "Shipments" }];
  return (
    <Frame
      title="Back office"
      links={session ? links : []}
      session={session}
      provider={provider}
    >
      {page}
    </Frame>
  );
}

function Stock({ api }) {
  const [products, setProducts] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api.get("inventory", "/inventory?limit=100").then((page) => setProducts(page.items), setError);
  }, [api]);
  return (
    <section>
      <Heading>Stock</Heading>
      <Problem error={error} />
      {products && (
        <table>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col" class="number">
                Price
              </th>
              <th scope="col" class="number">
                Available
              </th>
              <th scope="col" class="number">
                Reserved
              </th>
            </tr>
          </thead>
          <tbody>
            {products.map((product) => (
              <tr data-sku={product.sku}>
                <td>
                  <a href={`#/stock/${encodeURIComponent(product.sku)}`}>{product.name}</a> <span class="sku">{product.sku}</span>
                </td>
                <td class="number">{money(product.unitPrice, product.currency)}</td>
                <td class="number">{product.available}</td>
                <td class="number">{product.reserved}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Product({ api, sku }) {
  const path = `/inventory/${encodeURIComponent(sku)}`;
  const [product, setProduct] = useState(null);
  const [trail, setTrail] = useState([]);
  const [error, setError] = useState(null);
  const [form, setForm] = useState({ quantity: "", reason: "" });
  const [attempt, setAttempt] = useState(null);
  const [formError, setFormError] = useState(null);
  const [done, setDone] = useState("");
  const load = () => {
    api.get("inventory", path).then(setProduct, setError);
    api.get("inventory", `${path}/adjustments?limit=20`).then((page) => setTrail(page.items), setError);
  };
  useEffect(load, [api, sku]);

  const adjust = async (event) => {
    event.preventDefault();
    setFormError(null);
    setDone("");
    // The quantity goes as typed: "1.5" or "ten" reach the service, whose message is shown.
    const quantity = /^-?\d+$/.test(form.quantity.trim()) ? Number(form.quantity) : form.quantity;
    const body = { quantity, reason: form.reason };
    const json = JSON.stringify(body);
    const key = attempt?.json === json ? attempt.key : newIdempotencyKey();
    setAttempt({ json, key });
    try {
      const result = await api.post("inventory", `${path}/adjustments`, body, { "Idempotency-Key": key });
      setAttempt(null);
      setForm({ quantity: "", reason: "" });
      setDone(`Adjusted by ${result.adjustment.quantity}: ${result.stock.available} available.`);
      load();
    } catch (failure) {
      setFormError(failure);
    }
  };

  if (error) return <Problem error={error} />;
  if (!product) return <p>Loading…</p>;
  const fieldErrors = formError?.fieldErrors ?? {};
  return (
    <section>
      <Heading>{product.name}</Heading>
      <p>
        <span class="sku">{product.sku}</span> · {money(product.unitPrice, product.currency)} ·{" "}
        <strong data-testid="available">{product.available}</strong> available · {product.reserved} reserved
      </p>
      <form onSubmit={adjust} noValidate class="inline">
        <h2>Adjust stock</h2>
        <Field
          label="Units to add (negative to remove)"
          name="quantity"
          inputMode="numeric"
          value={form.quantity}
          onInput={(event) => setForm({ ...form, quantity: event.currentTarget.value })}
          error={fieldErrors.quantity}
        />
        <Field
          label="Reason"
          name="reason"
          value={form.reason}
          onInput={(event) => setForm({ ...form, reason: event.currentTarget.value })}
          error={fieldErrors.reason}
          hint="e.g. delivery 4711, stock count"
        />
        <button type="submit">Apply</button>
        <Problem error={formError} />
        <p role="status">{done}</p>
      </form>
      <h2>Adjustments</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col" class="number">
              Units
            </th>
            <th scope="col">Reason</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {trail.map((adjustment) => (
            <tr>
              <td>{dateTime(adjustment.at)}</td>
              <td class="number">{adjustment.quantity > 0 ? `+${adjustment.quantity}` : adjustment.quantity}</td>
              <td>{adjustment.reason}</td>
              <td>{adjustment.by}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Orders({ api, stuck = false }) {
  const [form, setForm] = useState({ status: "", customerId: "" });
  const [filter, setFilter] = useState({});
  const applied = (changes) => {
    const next = { ...form, ...changes };
    setForm(next);
    setFilter({ status: next.status, customerId: next.customerId.trim(), stuck: stuck || undefined });
  };
  useEffect(() => applied({}), [stuck]);
  return (
    <section>
      <Heading>{stuck ? "Stuck orders" : "Orders"}</Heading>
      {stuck && <p>The saga sent these orders' commands again and heard nothing back: look at each, and at the dead letters.</p>}
      <form
        class="inline"
        onSubmit={(event) => {
          event.preventDefault();
          applied({});
        }}
      >
        <div class="field">
          <label for="status-filter">Status</label>
          <select id="status-filter" value={form.status} onChange={(event) => applied({ status: event.currentTarget.value })}>
            <option value="">Any</option>
            {ORDER_STATUSES.map((status) => (
              <option value={status}>{status}</option>
            ))}
          </select>
        </div>
        <Field label="Customer" name="customerId" value={form.customerId} onInput={(event) => setForm({ ...form, customerId: event.currentTarget.value })} />
        <button type="submit" class="secondary">
          Filter
        </button>
      </form>
      <OrderList api={api} filter={filter} showCustomer empty="No orders." />
    </section>
  );
}

function Order({ api, session, orderId }) {
  const { order, error, setOrder } = useLiveOrder(api, orderId);
  return (
    <section>
      <Heading>Order {orderId.slice(0, 8)}</Heading>
      {error && error.status !== 403 && <Problem error={error} />}
      {order && (
        <>
          <p aria-live="polite">
            Customer {order.customerId} · <Status status={order.status} />
            {order.stuckSince && <span class="stuck"> stuck since {dateTime(order.stuckSince)}</span>}
          </p>
          <OrderLines order={order} />
          <h2>What happened</h2>
          <Timeline entries={order.timeline ?? []} />
          {session.isOperator && order.cancellable && <CancelOrder api={api} orderId={orderId} onCancelled={setOrder} />}
        </>
      )}
      <Shipments api={api} session={session} orderId={orderId} />
    </section>
  );
}

/** An operator cancels an order that should not hold its stock, saying why (the timeline keeps it). */
function CancelOrder({ api, orderId, onCancelled }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState(null);
  const cancel = async (event) => {
    event.preventDefault();
    setError(null);
    try {
      onCancelled(await api.post("orders", `/orders/${encodeURIComponent(orderId)}/cancel`, { reason }));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form class="inline" onSubmit={cancel}>
      <Problem error={error?.fieldErrors?.reason ? null : error} />
      <Field
        label="Reason to cancel"
        name="reason"
        value={reason}
        maxLength={200}
        required
        error={error?.fieldErrors?.reason}
        onInput={(event) => setReason(event.currentTarget.value)}
      />
      <button type="submit" class="danger">
        Cancel order
      </button>
    </form>
  );
}

function FindShipment() {
  const [orderId, setOrderId] = useState("");
  return (
    <section>
      <Heading>Shipments</Heading>
      <form
        class="inline"
        onSubmit={(event) => {
          event.preventDefault();
          window.location.hash = `#/orders/${encodeURIComponent(orderId.trim())}`;
        }}
      >
        <Field label="Order number" name="orderId" value={orderId} onInput={(event) => setOrderId(event.currentTarget.value)} hint="The order's id, as on the packing slip" />
        <button type="submit">Find its shipment</button>
      </form>
    </section>
  );
}

function Shipments({ api, session, orderId }) {
  const [shipments, setShipments] = useState(null);
  const [error, setError] = useState(null);
  const load = () => api.get("shipments", `/shipments${query({ orderId })}`).then(setShipments, setError);
  useEffect(() => {
    load();
  }, [api, orderId]);
  const act = async (shipment, action) => {
    setError(null);
    try {
      await api.post("shipments", `/shipments/${shipment.id}/${action}`);
      await load();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <h2>Shipment</h2>
      <Problem error={error} />
      {shipments?.length === 0 && <p>No shipment yet.</p>}
      {(shipments ?? []).map((shipment) => (
        <div class="shipment" data-shipment={shipment.id}>
          <p>
            Shipment {shipment.id.slice(0, 8)} · <Status status={shipment.status} />
          </p>
          {session.mayDispatch && shipment.status === "SCHEDULED" && (
            <button type="button" onClick={() => act(shipment, "dispatch")}>
              Dispatch
            </button>
          )}
          {session.mayDeliver && shipment.status === "DISPATCHED" && (
            <button type="button" onClick={() => act(shipment, "deliver")}>
              Mark delivered
            </button>
          )}
        </div>
      ))}
    </>
  );
}

function DeadLetters() {
  return (
    <section>
      <Heading>Dead letters</Heading>
      <p>
        Messages that failed five times wait in each queue's dead-letter queue. The services do not offer them over HTTP: reading, sending
        back and discarding them take SQS permissions that an operator's AWS role holds and the web pages' tokens must not.
      </p>
      <p>Use the operator's command, locally or against AWS:</p>
      <pre>
        <code>{"./ops/dead-letters list\n./ops/dead-letters redrive MESSAGE-ID\n./ops/dead-letters discard MESSAGE-ID\n./ops/dead-letters list --aws --prefix fulfilment-prod-"}</code>
      </pre>
      <p>
        The <a href="#/stuck">stuck orders</a> are usually the ones whose messages are there.
      </p>
    </section>
  );
}

mount("backOffice", BackOffice);

// The shop: the catalogue (public), a cart, placing an order, the customer's own orders with
// their live timeline, and cancelling one.
import { useEffect, useMemo, useState } from "preact/hooks";
import { client, newIdempotencyKey } from "./api.js";
import { signIn } from "./auth.js";
import {
  Field,
  Frame,
  Heading,
  OrderLines,
  OrderList,
  Problem,
  SignInFirst,
  Status,
  Timeline,
  mount,
  money,
  useLiveOrder,
  useRoute,
} from "./ui.jsx";
import "./style.css";

const CART = "fulfilment.cart";

function Shop({ config, session }) {
  const api = useMemo(() => client(config, session), [config, session]);
  const [cart, setCart] = useState(() => JSON.parse(sessionStorage.getItem(CART) ?? "{}"));
  useEffect(() => sessionStorage.setItem(CART, JSON.stringify(cart)), [cart]);
  const route = useRoute();
  const count = Object.values(cart).reduce((sum, line) => sum + line.quantity, 0);
  const provider = config.signIn.shop;

  let page;
  if (route[0] === "cart") page = <Cart api={api} session={session} cart={cart} setCart={setCart} provider={provider} />;
  else if (route[0] === "orders" && route[1]) page = <OrderPage api={api} orderId={route[1]} />;
  else if (route[0] === "orders") page = session ? <MyOrders api={api} /> : (
      <SignInFirst provider={provider} heading="Please sign in">
        Sign in to see your orders.
      </SignInFirst>
    );
  else page = <Catalogue api={api} cart={cart} setCart={setCart} />;

  return (
    <Frame
      title="Shop"
      links={[
        { href: "#/", label: "Catalogue" },
        { href: "#/cart", label: `Cart (${count})` },
        { href: "#/orders", label: "My orders" },
      ]}
      session={session}
      provider={provider}
    >
      {page}
    </Frame>
  );
}

function Catalogue({ api, cart, setCart }) {
  const [products, setProducts] = useState(null);
  const [error, setError] = useState(null);
  const [added, setAdded] = useState("");
  useEffect(() => {
    api.get("inventory", "/inventory?limit=100").then((page) => setProducts(page.items), setError);
  }, [api]);

  const add = (product) => {
    const line = cart[product.sku];
    setCart({ ...cart, [product.sku]: { sku: product.sku, name: product.name, quantity: (line?.quantity ?? 0) + 1 } });
    setAdded(`${product.name} added to the cart.`);
  };

  return (
    <section>
      <Heading>Catalogue</Heading>
      <Problem error={error} />
      <p class="visually-hidden" role="status">
        {added}
      </p>
      {products === null && !error && <p>Loading…</p>}
      <ul class="cards">
        {(products ?? []).map((product) => (
          <li class="card" data-sku={product.sku}>
            <h2>{product.name}</h2>
            <p class="sku">{product.sku}</p>
            <p class="price">{money(product.unitPrice, product.currency)}</p>
            <p>{product.available > 0 ? `${product.available} in stock` : "Out of stock"}</p>
            <button type="button" onClick={() => add(product)} disabled={product.available <= 0} aria-label={`Add ${product.name} to the cart`}>
              Add to cart
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

const EMPTY_ADDRESS = { recipient: "", line1: "", line2: "", city: "", postalCode: "", country: "" };

function Cart({ api, session, cart, setCart, provider }) {
  const [address, setAddress] = useState(EMPTY_ADDRESS);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  // One Idempotency-Key per attempt: a retry of the same cart and address sends the same key,
  // so a lost answer never places the order twice; any change makes a new attempt.
  const [attempt, setAttempt] = useState(null);
  const lines = Object.values(cart);
  const fieldErrors = error?.fieldErrors ?? {};

  const setQuantity = (sku, quantity) => setCart({ ...cart, [sku]: { ...cart[sku], quantity } });
  const remove = (sku) => {
    const { [sku]: removed, ...rest } = cart;
    setCart(rest);
  };

  const place = async (event) => {
    event.preventDefault();
    const body = {
      lines: lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
      shippingAddress: Object.fromEntries(Object.entries(address).filter(([, value]) => value !== "")),
    };
    const json = JSON.stringify(body);
    const key = attempt?.json === json ? attempt.key : newIdempotencyKey();
    setAttempt({ json, key });
    setBusy(true);
    setError(null);
    try {
      const order = await api.post("orders", "/orders", body, { "Idempotency-Key": key });
      setCart({});
      setAttempt(null);
      window.location.hash = `#/orders/${order.id}`;
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (lines.length === 0) {
    return (
      <section>
        <Heading>Cart</Heading>
        <p>
          Your cart is empty. <a href="#/">Go to the catalogue</a>.
        </p>
      </section>
    );
  }
  const addressField = (name, label, props = {}) => (
    <Field
      label={label}
      name={`shippingAddress.${name}`}
      value={address[name]}
      onInput={(event) => setAddress({ ...address, [name]: event.currentTarget.value })}
      error={fieldErrors[`shippingAddress.${name}`] ?? (fieldErrors.shippingAddress && name === "recipient" ? fieldErrors.shippingAddress : undefined)}
      {...props}
    />
  );
  return (
    <section>
      <Heading>Cart</Heading>
      <form onSubmit={place} noValidate>
        <fieldset>
          <legend>Products</legend>
          {lines.map((line, index) => (
            <div class="cart-line">
              <Field
                label={`${line.name} (${line.sku}), quantity`}
                name={`lines[${index}].quantity`}
                type="number"
                inputMode="numeric"
                value={line.quantity}
                onInput={(event) => setQuantity(line.sku, Number(event.currentTarget.value))}
                error={fieldErrors[`lines[${index}].quantity`] ?? fieldErrors[`lines[${index}].sku`]}
              />
              <button type="button" class="secondary" onClick={() => remove(line.sku)} aria-label={`Remove ${line.name}`}>
                Remove
              </button>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>Shipping address</legend>
          {addressField("recipient", "Recipient", { autoComplete: "name" })}
          {addressField("line1", "Address", { autoComplete: "address-line1" })}
          {addressField("line2", "Address, line 2 (optional)", { autoComplete: "address-line2" })}
          {addressField("city", "City", { autoComplete: "address-level2" })}
          {addressField("postalCode", "Postal code", { autoComplete: "postal-code" })}
          {addressField("country", "Country", { autoComplete: "country", hint: "Two letters, e.g. GB, DE, FR", maxLength: 2 })}
        </fieldset>
        <Problem error={error} />
        {session ? (
          <button type="submit" disabled={busy}>
            {busy ? "Placing the order…" : "Place order"}
          </button>
        ) : (
          <button type="button" onClick={() => signIn(provider, "#/cart")}>
            Sign in to place the order
          </button>
        )}
      </form>
    </section>
  );
}

function MyOrders({ api }) {
  return (
    <section>
      <Heading>My orders</Heading>
      <OrderList api={api} empty="No orders yet." />
    </section>
  );
}

function OrderPage({ api, orderId }) {
  const { order, error, setOrder } = useLiveOrder(api, orderId);
  const [cancelError, setCancelError] = useState(null);
  const cancel = async () => {
    setCancelError(null);
    try {
      setOrder(await api.post("orders", `/orders/${encodeURIComponent(orderId)}/cancel`));
    } catch (failure) {
      setCancelError(failure);
    }
  };
  if (error?.status === 404 || error?.status === 400) {
    return (
      <section>
        <Heading>Order not found</Heading>
        <p>There is no order of yours with this number.</p>
      </section>
    );
  }
  if (!order) {
    return (
      <section>
        <Heading>Order</Heading>
        <Problem error={error} />
        {!error && <p>Loading…</p>}
      </section>
    );
  }
  return (
    <section>
      <Heading>Order {order.id.slice(0, 8)}</Heading>
      <p aria-live="polite">
        Status: <Status status={order.status} />
        {order.rejectionReason && <span> ({order.rejectionReason})</span>}
      </p>
      <OrderLines order={order} />
      <h2>What happened</h2>
      <Timeline entries={order.timeline ?? []} />
      <Problem error={cancelError} />
      {order.cancellable && (
        <button type="button" class="danger" onClick={cancel}>
          Cancel order
        </button>
      )}
    </section>
  );
}

mount("shop", Shop);

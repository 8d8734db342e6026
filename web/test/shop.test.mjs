// A customer in the shop: places an order and watches it reach CONFIRMED, cancels one, sees
// the service's own message next to a field it refused, and cannot see another's order.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { WEB_URL, fillCart, launch, newCustomer, newPage, placeOrder, screenshot, signInToShop } from "./pages.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("a customer places an order and sees it CONFIRMED, step by step", async () => {
  const page = await newPage(browser);
  await signInToShop(page, newCustomer());
  await page.getByRole("button", { name: "Add Mechanical keyboard to the cart" }).waitFor();
  await screenshot(page, "shop-catalogue");
  await fillCart(page, "Mechanical keyboard");
  await screenshot(page, "shop-cart");
  const orderId = await placeOrder(page);

  await page.locator('[aria-live] [data-status="CONFIRMED"]').waitFor();
  const timeline = await page.getByRole("list", { name: "Timeline" }).innerText();
  assert.match(timeline, /Pending[\s\S]*Stock reserved[\s\S]*Confirmed/);
  assert.match(await page.locator("tfoot").innerText(), /89\.00/);
  await screenshot(page, "shop-order-confirmed");

  await page.getByRole("link", { name: "My orders" }).click();
  const row = page.locator(`a[href="#/orders/${orderId}"]`);
  await row.waitFor();
  await page.context().close();
});

test("a customer cancels an order before it is dispatched", async () => {
  const page = await newPage(browser);
  await signInToShop(page, newCustomer());
  await fillCart(page, "Mechanical keyboard");
  await placeOrder(page);
  await page.locator('[aria-live] [data-status="CONFIRMED"]').waitFor();

  await page.getByRole("button", { name: "Cancel order" }).click();
  await page.locator('[aria-live] [data-status="CANCELLED"]').waitFor({ timeout: 30_000 });
  assert.equal(await page.getByRole("button", { name: "Cancel order" }).count(), 0, "a cancelled order offers no cancel");
  assert.match(await page.getByRole("list", { name: "Timeline" }).innerText(), /Cancelling[\s\S]*Cancelled/);
  await page.context().close();
});

test("a field the service refuses shows the service's message next to it, and nothing is placed", async () => {
  const page = await newPage(browser, { width: 390, height: 844 });
  const customer = newCustomer();
  await signInToShop(page, customer);
  await fillCart(page, "Mechanical keyboard", {
    Recipient: "Ada Lovelace",
    Address: "12 St James Square",
    City: "",
    "Postal code": "SW1Y 4JH",
    Country: "GB",
  });
  await page.getByRole("button", { name: "Place order" }).click();

  const city = page.getByLabel("City", { exact: true });
  await page.locator(".field.invalid").first().waitFor();
  assert.equal(await city.getAttribute("aria-invalid"), "true");
  const describedBy = await city.getAttribute("aria-describedby");
  assert.match(await page.locator(`#${describedBy.split(" ").pop()}`).innerText(), /must not be blank/);
  assert.match(await page.getByRole("alert").innerText(), /invalid/i);
  assert.match(page.url(), /#\/cart$/, "the cart stays open");
  await screenshot(page, "shop-cart-error-phone");

  await page.getByRole("link", { name: "My orders" }).click();
  await page.getByText("No orders yet.").waitFor();
  await page.context().close();
});

test("a customer cannot see another customer's order", async () => {
  const owner = await newPage(browser);
  await signInToShop(owner, newCustomer());
  await fillCart(owner, "Mechanical keyboard");
  const orderId = await placeOrder(owner);
  await owner.context().close();

  const other = await newPage(browser);
  await signInToShop(other, newCustomer());
  await other.goto(`${WEB_URL}#/orders/${orderId}`);
  await other.getByRole("heading", { name: "Order not found" }).waitFor();
  assert.equal(await other.getByText("Mechanical keyboard").count(), 0);
  await other.context().close();
});

test("the shop's pages are served with a Content-Security-Policy that allows no inline script", async () => {
  const response = await fetch(WEB_URL);
  const policy = response.headers.get("content-security-policy");
  assert.match(policy, /script-src 'self'(;|$)/);
  assert.match(policy, /frame-ancestors 'none'/);
  assert.equal(response.headers.get("x-content-type-options"), "nosniff");
});

test("the catalogue works from the keyboard: skip link, then Tab to a product's button and Enter", async () => {
  const page = await newPage(browser);
  await page.goto(WEB_URL + "#/");
  await page.getByRole("button", { name: "Add Mechanical keyboard to the cart" }).waitFor();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to content", "the first Tab reaches the skip link");
  for (let presses = 0; presses < 20; presses++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement.getAttribute("aria-label"))) === "Add Mechanical keyboard to the cart") break;
  }
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "Add Mechanical keyboard to the cart");
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: "Cart (1)" }).waitFor();
  await page.context().close();
});

test("the services let the pages' origin call them, without cookies, and no other origin", async () => {
  const config = await (await fetch(new URL("config.json", WEB_URL))).json();
  const preflight = (origin) =>
    fetch(config.api.orders + "/orders", {
      method: "OPTIONS",
      headers: { Origin: origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type,idempotency-key" },
    });
  const pages = await preflight(new URL(WEB_URL).origin);
  assert.equal(pages.headers.get("access-control-allow-origin"), new URL(WEB_URL).origin);
  assert.notEqual(pages.headers.get("access-control-allow-credentials"), "true", "a bearer token needs no cookies");
  assert.ok(Number(pages.headers.get("access-control-max-age")) >= 3600,
    "browsers keep the preflight's answer: one preflight, not one per read, per page and hour");
  const other = await preflight("https://elsewhere.example");
  assert.equal(other.headers.get("access-control-allow-origin"), null);
  assert.equal(other.status, 403);
});

test("an order's open page reads it under a tenth of the WAF's limit per address in five minutes", async () => {
  const page = await newPage(browser);
  await page.clock.install();
  await signInToShop(page, newCustomer());
  await fillCart(page, "Mechanical keyboard");
  const orderId = await placeOrder(page);
  await page.locator('[aria-live] [data-status="CONFIRMED"]').waitFor();
  const reads = [];
  let second = 0;
  let inFlight = 0;
  const isRead = (request) => new URL(request.url()).pathname === `/orders/${orderId}`;
  page.on("request", (request) => {
    if (isRead(request)) {
      reads.push(second);
      inFlight += 1;
    }
  });
  const finished = (request) => { if (isRead(request)) inFlight -= 1; };
  page.on("requestfinished", finished);
  page.on("requestfailed", finished);

  // Five minutes of the page's clock, a second at a time, each read answered before the next
  // step; the clock stands still between the steps, so the page's time is exactly theirs.
  // It stops a second ahead of the page's time: the page's clock runs on while the answer comes
  // back, and on a busy machine it passed a target 1 ms ahead ("Cannot fast-forward to the past").
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));
  for (; second < 300; second += 1) {
    await page.clock.runFor(1000);
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await page.evaluate(() => 0);
  }

  const edge = fs.readFileSync(new URL("../../terraform/modules/edge/variables.tf", import.meta.url), "utf8");
  const wafLimitPerFiveMinutes = Number(edge.match(/"requests_per_ip_per_5_minutes" \{[^}]*default\s*=\s*(\d+)/)[1]);
  const firstMinute = reads.filter((at) => at < 60).length;
  assert.ok(reads.length < wafLimitPerFiveMinutes / 10, `${reads.length} reads of a CONFIRMED order in five minutes`);
  assert.ok(firstMinute >= 45, `${firstMinute} reads in the first minute: the page stays live while the order may move`);
  assert.ok(reads.length - firstMinute <= 20, `${reads.length - firstMinute} reads in the four minutes after: it backs off`);
  await page.context().close();
});

test("a token the service no longer takes says the sign-in has ended", async () => {
  const page = await newPage(browser);
  await signInToShop(page, newCustomer());
  const config = await (await fetch(new URL("config.json", WEB_URL))).json();
  // As if the token had expired: the service itself refuses what the page now sends.
  await page.route(`${config.api.orders}/**`, (route) =>
    route.continue({ headers: { ...route.request().headers(), authorization: "Bearer expired.token.here" } }),
  );
  await page.getByRole("link", { name: "My orders" }).click();
  await page.getByRole("alert").getByText("Your sign-in has ended").waitFor();
  await page.context().close();
});

// Staff in the back office: an operator adjusts stock and sees the audit trail; the
// warehouse dispatches and the carrier delivers an order the customer then sees DELIVERED.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  BACK_OFFICE_URL,
  WEB_URL,
  fillCart,
  launch,
  newCustomer,
  newPage,
  placeOrder,
  screenshot,
  signInToBackOffice,
  signInToShop,
} from "./pages.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("an operator adds stock, and the adjustment shows in the product's audit trail", async () => {
  const page = await newPage(browser);
  await signInToBackOffice(page, "operator");
  await page.getByRole("heading", { name: "Stock" }).waitFor();
  await screenshot(page, "back-office-stock");
  await page.getByRole("link", { name: "USB-C cable, 2 m" }).click();
  const available = page.getByTestId("available");
  await available.waitFor();
  const before = Number(await available.innerText());

  const reason = `delivery ${Date.now()}`;
  await page.getByLabel("Units to add (negative to remove)").fill("7");
  await page.getByLabel("Reason").fill(reason);
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("status").getByText(/Adjusted by 7/).waitFor();
  await page.getByRole("cell", { name: reason }).waitFor();
  assert.equal(Number(await available.innerText()), before + 7, "the stock shows the units added");
  await screenshot(page, "back-office-product");

  // A quantity that is not a whole number is refused by the service, and said at the field.
  await page.getByLabel("Units to add (negative to remove)").fill("1.5");
  await page.getByLabel("Reason").fill("half a cable");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.locator(".field.invalid").first().waitFor();
  assert.equal(await page.getByRole("cell", { name: "half a cable" }).count(), 0);
  await page.context().close();
});

test("the warehouse dispatches and the carrier delivers; the customer sees DELIVERED", async () => {
  const shop = await newPage(browser);
  await signInToShop(shop, newCustomer());
  await fillCart(shop, "Mechanical keyboard");
  const orderId = await placeOrder(shop);
  await shop.locator('[aria-live] [data-status="CONFIRMED"]').waitFor();

  const warehouse = await newPage(browser);
  await signInToBackOffice(warehouse, "warehouse");
  await warehouse.getByLabel("Order number").fill(orderId);
  await warehouse.getByRole("button", { name: "Find its shipment" }).click();
  await warehouse.getByRole("button", { name: "Dispatch" }).click();
  await warehouse.locator('[data-shipment] [data-status="DISPATCHED"]').waitFor();
  assert.equal(await warehouse.getByRole("button", { name: "Mark delivered" }).count(), 0, "the warehouse does not deliver");
  await warehouse.context().close();

  const carrier = await newPage(browser);
  await signInToBackOffice(carrier, "carrier");
  await carrier.goto(`${BACK_OFFICE_URL}#/orders/${orderId}`);
  await carrier.getByRole("button", { name: "Mark delivered" }).click();
  await carrier.locator('[data-shipment] [data-status="DELIVERED"]').waitFor();
  await carrier.context().close();

  await shop.locator('[aria-live] [data-status="DELIVERED"]').waitFor({ timeout: 30_000 });
  await shop.context().close();
});

test("an operator lists orders by status and sees an order's timeline", async () => {
  const shop = await newPage(browser);
  const customer = newCustomer();
  await signInToShop(shop, customer);
  await fillCart(shop, "Mechanical keyboard");
  const orderId = await placeOrder(shop);
  await shop.locator('[aria-live] [data-status="CONFIRMED"]').waitFor();
  await shop.context().close();

  const page = await newPage(browser);
  await signInToBackOffice(page, "operator");
  await page.getByRole("link", { name: "Orders", exact: true }).click();
  await page.getByLabel("Customer").fill(customer);
  await page.getByLabel("Status").selectOption("CONFIRMED");
  await page.getByRole("button", { name: "Filter" }).click();
  await page.locator(`tr[data-order="${orderId}"]`).waitFor();
  await screenshot(page, "back-office-orders");
  await page.locator(`tr[data-order="${orderId}"] a`).click();
  await page.getByRole("list", { name: "Timeline" }).getByText("shipment scheduled").waitFor();
  await page.context().close();
});

test("an operator cancels a customer's order, saying why, and the customer sees who did and why", async () => {
  const shop = await newPage(browser);
  const customer = newCustomer();
  await signInToShop(shop, customer);
  await fillCart(shop, "Mechanical keyboard");
  const orderId = await placeOrder(shop);
  await shop.locator('[aria-live] [data-status="CONFIRMED"]').waitFor();

  const page = await newPage(browser);
  await signInToBackOffice(page, "operator");
  await page.goto(`${BACK_OFFICE_URL}#/orders/${orderId}`);
  await page.getByRole("button", { name: "Cancel order" }).click();
  assert.equal(await page.getByLabel("Reason to cancel").evaluate((input) => input.validity.valueMissing), true,
    "no cancel without a reason");
  await page.getByLabel("Reason to cancel").fill("holds stock without a purchase");
  await page.getByRole("button", { name: "Cancel order" }).click();
  await page.locator('[aria-live] [data-status="CANCELLED"]').waitFor({ timeout: 30_000 });
  await page.context().close();

  await shop.getByRole("list", { name: "Timeline" }).getByText("holds stock without a purchase").waitFor({ timeout: 30_000 });
  await shop.context().close();
});

test("the back office's dead-letter page says where dead letters are handled", async () => {
  const page = await newPage(browser);
  await signInToBackOffice(page, "operator");
  await page.getByRole("link", { name: "Dead letters" }).click();
  await page.getByText("./ops/dead-letters list").first().waitFor();
  await page.context().close();
});

test("a sign-in answer that was not asked for here signs nobody in", async () => {
  const page = await newPage(browser);
  await page.goto(`${WEB_URL}?code=stolen&state=forged`);
  await page.getByRole("alert").getByText(/does not belong to a sign-in started here/).waitFor();
  await page.context().close();
});

// What the browser tests share: a headless Chromium (the machine's own, never downloaded),
// a fresh browser context per user (its own memory, so its own sign-in), and the steps a
// user takes to sign in.
import { chromium } from "playwright-core";

export const WEB_URL = process.env.WEB_URL ?? "http://localhost:8080/";
export const BACK_OFFICE_URL = new URL("back-office.html", WEB_URL).toString();

export async function launch() {
  if (!process.env.CHROMIUM) throw new Error("CHROMIUM must name a Chromium executable (e.g. /usr/bin/chromium)");
  return chromium.launch({ executablePath: process.env.CHROMIUM, headless: true, args: ["--no-sandbox"] });
}

let customers = 0;
/** A customer id no other test uses. */
export function newCustomer() {
  customers += 1;
  return `web-${process.pid}-${Date.now().toString(36)}-${customers}`;
}

/** A page of its own (a browser context: its own memory and storage), as one user at one desk. */
export async function newPage(browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Opens the shop and signs in through the local sign-in page as that customer. */
export async function signInToShop(page, customer, hash = "#/") {
  await page.goto(WEB_URL + hash);
  await page.getByRole("button", { name: "Sign in" }).first().click();
  await page.getByLabel("Customer id").fill(customer);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText(`Signed in as ${customer}`).waitFor();
}

/** Opens the back office and signs in as operator, warehouse or carrier. */
export async function signInToBackOffice(page, role) {
  await page.goto(BACK_OFFICE_URL);
  await page.getByRole("button", { name: "Sign in" }).first().click();
  await page.getByRole("radio", { name: new RegExp(role, "i") }).check();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Signed in as").waitFor();
}

export const ADDRESS = {
  Recipient: "Ada Lovelace",
  Address: "12 St James Square",
  City: "London",
  "Postal code": "SW1Y 4JH",
  Country: "GB",
};

/** Adds the product to the cart from the catalogue, opens the cart and fills the address. */
export async function fillCart(page, productName, address = ADDRESS) {
  await page.goto(WEB_URL + "#/");
  await page.getByRole("button", { name: `Add ${productName} to the cart` }).click();
  await page.getByRole("link", { name: /^Cart/ }).click();
  for (const [label, value] of Object.entries(address)) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
}

/** Places the cart's order and returns its id, from the address of the order's page. */
export async function placeOrder(page) {
  await page.getByRole("button", { name: "Place order" }).click();
  await page.waitForURL(/#\/orders\/[0-9a-f-]{36}$/);
  return page.url().split("/").pop();
}

export async function screenshot(page, name) {
  if (!process.env.SCREENSHOTS) return;
  await page.screenshot({ path: `${process.env.SCREENSHOTS}/${name}.png`, fullPage: true });
}

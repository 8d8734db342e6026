// The shop (index.html) and the back office (back-office.html), built to dist/ as static
// files with hashed names: a strict Content-Security-Policy (script-src 'self') holds, since
// nothing is inline.
import { resolve } from "node:path";
import { defineConfig } from "vite";

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rollupOptions: {
      input: {
        shop: resolve(import.meta.dirname, "index.html"),
        backOffice: resolve(import.meta.dirname, "back-office.html"),
      },
    },
  },
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";

const dir = new URL("../../site_templates/assets/stepdeck/", import.meta.url);

// Browser code may touch document/window only inside functions: importing must work without them.
test("every module imports in node without a DOM", async () => {
  assert.equal(typeof globalThis.document, "undefined");
  const files = readdirSync(dir).filter((f) => f.endsWith(".js"));
  assert.ok(files.includes("boot.js"));
  for (const f of files) await import(new URL(f, dir));
});

test("boot.js exposes dataScript with the instant-navigation fallback", async () => {
  const { dataScript } = await import(new URL("boot.js", dir));
  const tagged = {}, fallback = {};
  const root = (hasClass) => ({
    querySelector: (sel) => (sel === "script.sd-data" ? (hasClass ? tagged : null)
      : sel === ":scope > script:last-of-type" ? fallback : null),
  });
  assert.equal(dataScript(root(true)), tagged);
  assert.equal(dataScript(root(false)), fallback);
});

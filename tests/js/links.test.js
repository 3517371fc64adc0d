import { test } from "node:test";
import assert from "node:assert/strict";
import { stepOf, groupByComponent } from "../../site_templates/assets/stepdeck/links.js";

test("stepOf reads plain digits only", () => {
  assert.equal(stepOf("3"), 3);
  assert.equal(stepOf("0"), 0);
  for (const bad of ["", "x", "-1", "1x", " 1", "1.0", null, undefined]) assert.equal(stepOf(bad), null, String(bad));
});

test("groupByComponent groups by data-component value", () => {
  const fake = (id) => ({ getAttribute: (name) => (name === "data-component" ? id : null) });
  const a1 = fake("app"), a2 = fake("app"), s = fake("sidecar");
  const groups = groupByComponent([a1, s, a2]);
  assert.deepEqual(groups.get("app"), [a1, a2]);
  assert.deepEqual(groups.get("sidecar"), [s]);
  assert.equal(groups.get("app\"]"), undefined);
});

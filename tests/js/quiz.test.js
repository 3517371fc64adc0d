import { test } from "node:test";
import assert from "node:assert/strict";
import { score, storageKey } from "../../site_templates/assets/stepdeck/quiz.js";

const items = [
  { index: 1, answer: "B", steps: [4], reasons: {} },
  { index: 2, answer: "C", steps: [1], reasons: {} },
  { index: 3, answer: "A", steps: [], reasons: {} },
];

test("score counts saved choices that are the answer", () => {
  assert.equal(score(items, { 1: { choice: "B" }, 2: { choice: "C" }, 3: { choice: "A" } }), 3);
  assert.equal(score(items, { 1: { choice: "B" }, 2: { choice: "A" } }), 1);
});

test("score: nothing saved is zero", () => {
  assert.equal(score(items, {}), 0);
  assert.equal(score(items, null), 0);
  assert.equal(score([], { 1: { choice: "B" } }), 0);
});

test("score: a revealed answer without a choice does not count", () => {
  assert.equal(score(items, { 1: { revealed: true }, 2: { choice: null, revealed: true } }), 0);
});

test("score ignores saved entries for questions the lesson no longer has", () => {
  assert.equal(score(items, { 9: { choice: "B" }, 1: { choice: "B" } }), 1);
});

test("score keys by question index, not position", () => {
  assert.equal(score([items[2]], { 1: { choice: "A" }, 3: { choice: "A" } }), 1);
});

test("progress is stored per lesson", () => {
  assert.equal(storageKey("service-mesh-vs-library"), "stepdeck:quiz:service-mesh-vs-library");
});

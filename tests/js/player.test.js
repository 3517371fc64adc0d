import { test } from "node:test";
import assert from "node:assert/strict";
import { clampStep, controlStates } from "../../site_templates/assets/stepdeck/player.js";

test("clampStep keeps steps inside 0..last", () => {
  assert.equal(clampStep(0, 9), 0);
  assert.equal(clampStep(4, 9), 4);
  assert.equal(clampStep(9, 9), 9);
});

test("clampStep: negative goes to the start", () => {
  assert.equal(clampStep(-1, 9), 0);
  assert.equal(clampStep(-100, 9), 0);
});

test("clampStep: past the end goes to the last step", () => {
  assert.equal(clampStep(10, 9), 9);
  assert.equal(clampStep(1e21, 9), 9);
  assert.equal(clampStep(Infinity, 9), 9);
});

test("clampStep: NaN and non-numbers go to the start", () => {
  assert.equal(clampStep(NaN, 9), 0);
  assert.equal(clampStep(parseInt("", 10), 9), 0);
  assert.equal(clampStep(undefined, 9), 0);
  assert.equal(clampStep("x", 9), 0);
});

test("clampStep: a fraction becomes a whole step", () => {
  assert.equal(clampStep(2.7, 9), 2);
  assert.equal(clampStep("3", 9), 3);
});

test("controlStates at the first step: only first and prev are disabled", () => {
  assert.deepEqual(controlStates(0, 9), { first: true, prev: true, play: false, next: false, last: false });
});

test("controlStates in the middle: nothing is disabled", () => {
  assert.deepEqual(controlStates(4, 9), { first: false, prev: false, play: false, next: false, last: false });
});

test("controlStates at the last step: only next and last are disabled", () => {
  assert.deepEqual(controlStates(9, 9), { first: false, prev: false, play: false, next: true, last: true });
});

test("controlStates with a single step: everything but play is disabled", () => {
  assert.deepEqual(controlStates(0, 0), { first: true, prev: true, play: false, next: true, last: true });
});

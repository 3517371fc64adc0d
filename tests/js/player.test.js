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

import { stepClass, inRange, focusLane, laneClasses } from "../../site_templates/assets/stepdeck/player.js";

test("stepClass: earlier steps are past, this one now, later ones later", () => {
  assert.equal(stepClass(2, 5), "sd-past");
  assert.equal(stepClass(5, 5), "sd-now");
  assert.equal(stepClass(6, 5), "sd-later");
  assert.equal(stepClass(1, 0), "sd-later"); // the start frame draws no interaction
});

test("inRange: data-from and data-to are inclusive and read as numbers", () => {
  assert.equal(inRange("3", "5", 3), true);
  assert.equal(inRange("3", "5", 5), true);
  assert.equal(inRange("3", "5", 2), false);
  assert.equal(inRange("3", "5", 6), false);
  assert.equal(inRange("10", "12", 11), true); // not compared as strings
  assert.equal(inRange("0", "0", 0), true);
});

test("focusLane: the reader's choice wins over the step's lane; none without either", () => {
  assert.equal(focusLane(null, "l2"), "l2");
  assert.equal(focusLane("l1", "l2"), "l1");
  assert.equal(focusLane(null, null), null);
  assert.equal(focusLane(null, undefined), null);
});

test("laneClasses: the other lane is quiet when focused, and off only when the reader chose a lane", () => {
  assert.deepEqual(laneClasses("l1", "l1", null), { "sd-other-lane": false, "sd-lane-off": false });
  assert.deepEqual(laneClasses("l2", "l1", null), { "sd-other-lane": true, "sd-lane-off": false });
  assert.deepEqual(laneClasses("l2", null, null), { "sd-other-lane": false, "sd-lane-off": false });
  assert.deepEqual(laneClasses("l2", "l1", "l1"), { "sd-other-lane": true, "sd-lane-off": true });
});

import { onLane, nextShown, prevShown } from "../../site_templates/assets/stepdeck/player.js";

test("onLane: every lane, steps in no lane and the followed lane's steps show", () => {
  assert.equal(onLane(["l1"], null), true);
  assert.equal(onLane([], "l2"), true);
  assert.equal(onLane(["l1", "l2"], "l2"), true);
  assert.equal(onLane(["l1"], "l2"), false);
});

test("nextShown and prevShown skip the other lane; the start always shows", () => {
  const lanes = [[], ["l1"], ["l1"], ["l2"], [], ["l2"], ["l1"]];
  const shown = (k) => k === 0 || onLane(lanes[k], "l2");
  assert.equal(nextShown(0, 6, shown), 3);
  assert.equal(nextShown(3, 6, shown), 4);
  assert.equal(nextShown(5, 6, shown), null);
  assert.equal(prevShown(5, shown), 4);
  assert.equal(prevShown(3, shown), 0);
  assert.deepEqual(controlStates(5, 6, shown), { first: false, prev: false, play: false, next: true, last: true });
  assert.deepEqual(controlStates(3, 6, shown).next, false);
});

test("the fork is offered at its step of the main line, and a taken what-if offers the way back", async () => {
  const { forkState } = await import("../../site_templates/assets/stepdeck/player.js");
  const scenarios = [{ fork: 6 }, { fork: 9 }, { fork: 6 }];
  assert.deepEqual(forkState(null, 6, scenarios), { offers: ["0", "2"], taken: null });
  assert.deepEqual(forkState(null, 5, scenarios), { offers: [], taken: null });
  assert.deepEqual(forkState(1, 10, scenarios), { offers: [], taken: "1" });
});

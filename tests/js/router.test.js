import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHash, stepHash, tabTarget, PLAYER_MODE } from "../../site_templates/assets/stepdeck/router.js";

const MODES = ["flow", "steps", "table", "tracker", "lanes", "moments", "quiz", "snapshot", "transcript"];
const grammar = { modes: MODES, step: "step-", lane: "~", lanes: ["l1", "l2"] };

test("every mode fragment selects its mode", () => {
  for (const mode of MODES) assert.deepEqual(parseHash("#" + mode, grammar), { mode, step: null, lane: null, line: null });
});

test("the leading # is optional", () => {
  assert.deepEqual(parseHash("quiz", grammar), { mode: "quiz", step: null, lane: null, line: null });
});

test("#step-N opens the player at step N", () => {
  assert.deepEqual(parseHash("#step-3", grammar), { mode: PLAYER_MODE, step: 3, lane: null, line: null });
  assert.deepEqual(parseHash("#step-12", grammar), { mode: "steps", step: 12, lane: null, line: null });
  assert.deepEqual(parseHash("#step-007", grammar), { mode: "steps", step: 7, lane: null, line: null });
});

test("#step-0 is the start, not a missing step", () => {
  assert.deepEqual(parseHash("#step-0", grammar), { mode: "steps", step: 0, lane: null, line: null });
});

test("fragments that are not ours give null", () => {
  for (const bad of ["#step-", "#step-1x", "#step--1", "#step-1.5", "#step- 1", "#step-١", "#Flow", "#STEP-1",
                     "#flow ", "#", "", "#sd-h-flow", "#step", "#steps-1"]) {
    assert.equal(parseHash(bad, grammar), null, JSON.stringify(bad));
  }
  assert.equal(parseHash(null, grammar), null);
  assert.equal(parseHash(undefined, grammar), null);
});

test("the grammar decides: another prefix, fewer modes, no grammar", () => {
  const other = { modes: ["flow"], step: "s" };
  assert.deepEqual(parseHash("#s4", other), { mode: "steps", step: 4, lane: null, line: null });
  assert.equal(parseHash("#step-4", other), null);
  assert.equal(parseHash("#quiz", other), null);
  assert.equal(parseHash("#flow", null), null);
  assert.equal(parseHash("#step-1", { modes: MODES, step: null }), null);
});

test("a mode that starts with the step prefix stays a mode", () => {
  assert.deepEqual(parseHash("#steps", { modes: ["steps"], step: "step" }), { mode: "steps", step: null, lane: null, line: null });
});

test("stepHash builds the fragment parseHash reads", () => {
  assert.equal(stepHash(5, grammar), "#step-5");
  assert.deepEqual(parseHash(stepHash(0, grammar), grammar), { mode: "steps", step: 0, lane: null, line: null });
});

test("#step-N~lane follows one lane of the lesson", () => {
  assert.deepEqual(parseHash("#step-3~l1", grammar), { mode: PLAYER_MODE, step: 3, lane: "l1", line: null });
  assert.deepEqual(parseHash("#step-0~l2", grammar), { mode: PLAYER_MODE, step: 0, lane: "l2", line: null });
  for (const bad of ["#step-3~", "#step-3~l3", "#step-3~L1", "#step-~l1", "#step-3~l1~l2", "#step-3~l1 ", "#flow~l1"]) {
    assert.equal(parseHash(bad, grammar), null, JSON.stringify(bad));
  }
  // a lesson without lanes has no lane address
  assert.equal(parseHash("#step-3~l1", { modes: MODES, step: "step-", lane: "~", lanes: [] }), null);
});

test("stepHash spells the lane parseHash reads back", () => {
  assert.equal(stepHash(4, grammar, "l2"), "#step-4~l2");
  assert.equal(stepHash(4, grammar, null), "#step-4");
  assert.deepEqual(parseHash(stepHash(7, grammar, "l1"), grammar), { mode: "steps", step: 7, lane: "l1", line: null });
});

test("tabTarget: arrows move and wrap both ways", () => {
  assert.equal(tabTarget(0, "ArrowRight", 9), 1);
  assert.equal(tabTarget(8, "ArrowRight", 9), 0);
  assert.equal(tabTarget(4, "ArrowLeft", 9), 3);
  assert.equal(tabTarget(0, "ArrowLeft", 9), 8);
});

test("tabTarget: Home and End", () => {
  assert.equal(tabTarget(5, "Home", 9), 0);
  assert.equal(tabTarget(2, "End", 9), 8);
});

test("tabTarget: a single tab wraps onto itself", () => {
  assert.equal(tabTarget(0, "ArrowRight", 1), 0);
  assert.equal(tabTarget(0, "ArrowLeft", 1), 0);
});

test("tabTarget: other keys, and no tabs, give null", () => {
  for (const key of ["ArrowUp", "ArrowDown", "Enter", " ", "Tab", "a", "PageDown", ""]) {
    assert.equal(tabTarget(3, key, 9), null, key);
  }
  assert.equal(tabTarget(0, "ArrowRight", 0), null);
});

test("a step id opens that step, and a step with an id is addressed by it", () => {
  const named = { modes: ["flow", "steps"], step: "step-", ids: { "sidecar-intercepts": 3 }, names: { "3": "sidecar-intercepts" } };
  assert.deepEqual(parseHash("#step-sidecar-intercepts", named), { mode: PLAYER_MODE, step: 3, lane: null, line: null });
  assert.deepEqual(parseHash("#step-3", named), { mode: PLAYER_MODE, step: 3, lane: null, line: null });
  assert.equal(parseHash("#step-sidecar", named), null);
  assert.equal(parseHash("#step-constructor", named), null);
  assert.equal(stepHash(3, named), "#step-sidecar-intercepts");
  assert.equal(stepHash(4, named), "#step-4");
});

test("a what-if fragment opens its scenario's line, and a line's step is addressed by its fragment", () => {
  const g = { modes: ["steps"], step: "step-", ids: {}, names: {},
              lines: { "what-if-crash": [0, 10], "what-if-crash/step-crash": [0, 10], "what-if-crash/step-9": [0, 9] },
              lineNames: [{ "9": "what-if-crash/step-9", "10": "what-if-crash/step-crash" }] };
  assert.deepEqual(parseHash("#what-if-crash", g), { mode: PLAYER_MODE, step: 10, lane: null, line: 0 });
  assert.deepEqual(parseHash("#what-if-crash/step-9", g), { mode: PLAYER_MODE, step: 9, lane: null, line: 0 });
  assert.equal(parseHash("#what-if-other", g), null);
  assert.equal(stepHash(10, g, null, 0), "#what-if-crash/step-crash");
  assert.equal(stepHash(3, g, null, null), "#step-3");
});

test("a lane suffix composes with a step id and a what-if fragment, both ways", () => {
  const g = { modes: ["steps"], step: "step-", lane: "~", lanes: ["l1", "l2"],
              ids: { "sidecar-intercepts": 3 }, names: { "3": "sidecar-intercepts" },
              lines: { "what-if-crash": [0, 10], "what-if-crash/step-crash": [0, 10] },
              lineNames: [{ "10": "what-if-crash/step-crash" }] };
  assert.deepEqual(parseHash("#step-sidecar-intercepts~l2", g), { mode: PLAYER_MODE, step: 3, lane: "l2", line: null });
  assert.deepEqual(parseHash("#what-if-crash/step-crash~l1", g), { mode: PLAYER_MODE, step: 10, lane: "l1", line: 0 });
  assert.deepEqual(parseHash("#what-if-crash~l2", g), { mode: PLAYER_MODE, step: 10, lane: "l2", line: 0 });
  for (const bad of ["#step-sidecar-intercepts~l3", "#step-sidecar-intercepts~", "#what-if-crash~", "#what-if-crash/step-crash~l9"]) {
    assert.equal(parseHash(bad, g), null, JSON.stringify(bad));
  }
  assert.equal(stepHash(3, g, "l2", null), "#step-sidecar-intercepts~l2");
  assert.equal(stepHash(10, g, "l1", 0), "#what-if-crash/step-crash~l1");
  assert.equal(stepHash(4, g, "l1", null), "#step-4~l1");
  for (const [n, lane, line] of [[3, "l2", null], [10, "l1", 0], [4, null, null]]) {
    const back = parseHash(stepHash(n, g, lane, line), g);
    assert.deepEqual([back.step, back.lane, back.line], [n, lane, line]);
  }
});

import { test } from "node:test";
import assert from "node:assert/strict";
import { ZOOM_LEVELS, zoomIndex, zoomLabel, pinchAction, PINCH_RATIO } from "../../site_templates/assets/stepdeck/zoom.js";

test("zoomIndex steps through the levels and stops at both ends", () => {
  assert.equal(zoomIndex(0, "in"), 1);
  assert.equal(zoomIndex(0, "out"), 0);
  assert.equal(zoomIndex(ZOOM_LEVELS.length - 1, "in"), ZOOM_LEVELS.length - 1);
  assert.equal(zoomIndex(2, "fit"), 0);
  assert.equal(zoomIndex(2, "sideways"), 2);
});

test("level 0 fits, level 1 is the legible size", () => {
  assert.equal(ZOOM_LEVELS[0], 0);
  assert.equal(ZOOM_LEVELS[1], 1);
  assert.equal(zoomLabel(0), "Whole diagram");
  assert.equal(zoomLabel(1), "Legible size");
  assert.equal(zoomLabel(3), "2 × legible");
});

test("pinchAction: one zoom step per PINCH_RATIO of finger spread", () => {
  assert.equal(pinchAction(PINCH_RATIO), "in");
  assert.equal(pinchAction(1 / PINCH_RATIO), "out");
  assert.equal(pinchAction(1.1), null);
  assert.equal(pinchAction(0.9), null);
});

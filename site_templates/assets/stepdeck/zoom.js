/* Zoom and pan of the player's diagram, by buttons, keys, a trackpad pinch (ctrl + wheel) and a
   two-finger pinch. The figure is a keyboard-focusable scrolling region; a zoom level only sets the
   custom property --sd-zoom, and CSS draws the SVG at max(100%, legible width x zoom), where the
   legible width comes from Python (render.views.legible_width: the width at which the smallest label
   is DESIGN.md's 11 px floor). So nothing here measures text or computes geometry. */
import { $, $$ } from "./dom.js";

// 0 = fit the space; 1 = the smallest label at the floor; then larger
export const ZOOM_LEVELS = [0, 1, 1.5, 2];
export const PAN_STEP = 160; // CSS px per pan button press
export const PINCH_RATIO = 1.25; // fingers this much further apart (or closer) = one zoom level
export const WHEEL_STEP = 60; // accumulated ctrl+wheel delta = one zoom level

export function zoomIndex(index, action) {
  if (action === "fit") return 0;
  const next = index + (action === "in" ? 1 : action === "out" ? -1 : 0);
  return Math.max(0, Math.min(ZOOM_LEVELS.length - 1, next));
}

export function zoomLabel(index) {
  if (index === 0) return "Whole diagram";
  return ZOOM_LEVELS[index] === 1 ? "Legible size" : ZOOM_LEVELS[index] + " × legible";
}

// A pinch's ratio of finger distances as zoom actions: "in", "out", or null while below one step.
export function pinchAction(ratio) {
  if (ratio >= PINCH_RATIO) return "in";
  if (ratio <= 1 / PINCH_RATIO) return "out";
  return null;
}

const PANS = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };
const KEYS = { "+": "in", "=": "in", "-": "out", "0": "fit" };

function spread(touches) {
  return Math.hypot(touches[0].clientX - touches[1].clientX, touches[0].clientY - touches[1].clientY);
}

export class Zoom {
  // Every line of the player (the main one, each what-if) has its figure; one shows at a time, and all
  // share one zoom level, so switching lines keeps the reader's zoom.
  constructor(root) {
    this.figures = $$(root, "figure.sd-zoom");
    this.level = $(root, ".sd-zoom-level");
    this.pans = $(root, ".sd-pan");
    this.buttons = $$(root, ".sd-zoom-controls [data-zoom]");
    this.index = 0;
    this.wheel = 0;
    this.pinch = null;
    if (!this.figures.length) return;
    this.buttons.forEach((b) => b.addEventListener("click", () => this.zoom(b.getAttribute("data-zoom"))));
    $$(root, ".sd-zoom-controls [data-pan]").forEach((b) => b.addEventListener("click", () => this.pan(b.getAttribute("data-pan"))));
    this.figures.forEach((figure) => this.listen(figure));
    this.zoom("fit");
  }

  // the figure on screen: the player hides the other lines' figures
  get figure() {
    return this.figures.filter((f) => !f.hidden)[0] || this.figures[0] || null;
  }

  listen(figure) {
    figure.addEventListener("keydown", (ev) => {
      if (ev.ctrlKey || ev.metaKey || ev.altKey || !KEYS[ev.key]) return;
      ev.preventDefault();
      this.zoom(KEYS[ev.key]);
    });
    // a trackpad pinch arrives as ctrl + wheel: zoom the diagram, not the page
    figure.addEventListener("wheel", (ev) => {
      if (!ev.ctrlKey) return;
      ev.preventDefault();
      this.wheel -= ev.deltaY;
      if (Math.abs(this.wheel) >= WHEEL_STEP) { this.zoom(this.wheel > 0 ? "in" : "out"); this.wheel = 0; }
    }, { passive: false });
    figure.addEventListener("touchstart", (ev) => {
      this.pinch = ev.touches.length === 2 ? spread(ev.touches) : null;
    }, { passive: true });
    figure.addEventListener("touchmove", (ev) => {
      if (this.pinch === null || ev.touches.length !== 2) return;
      ev.preventDefault(); // the figure's touch-action leaves pinching to us
      const now = spread(ev.touches), action = pinchAction(now / this.pinch);
      if (action) { this.zoom(action); this.pinch = now; }
    }, { passive: false });
    figure.addEventListener("touchend", () => { this.pinch = null; });
  }

  zoom(action) {
    this.index = zoomIndex(this.index, action);
    this.figures.forEach((figure) => {
      figure.style.setProperty("--sd-zoom", String(ZOOM_LEVELS[this.index]));
      figure.setAttribute("data-zoom-level", String(this.index));
    });
    if (this.level) this.level.textContent = zoomLabel(this.index);
    if (this.pans) this.pans.hidden = this.index === 0;
    this.buttons.forEach((b) => {
      const action = b.getAttribute("data-zoom");
      const off = action === "in" ? this.index === ZOOM_LEVELS.length - 1 : this.index === 0;
      b.setAttribute("aria-disabled", off ? "true" : "false");
    });
    this.focus();
  }

  pan(direction) {
    const [dx, dy] = PANS[direction] || [0, 0];
    if (this.figure) this.figure.scrollBy({ left: dx * PAN_STEP, top: dy * PAN_STEP });
  }

  // Zoomed in, bring the step's acting part into the middle of the figure. The browser scrolls every
  // ancestor too, so the page's own scroll position is put back. Fitted, nothing moves.
  focus() {
    if (!this.figure || this.index === 0) return;
    // the badge marks the acting component; without one (a step with no actor), the step's own parts
    const target = $(this.figure, "svg .sd-badge.sd-current") || $(this.figure, "svg .sd-now") ||
      $(this.figure, "svg .sd-active");
    if (!target) return;
    const x = window.scrollX, y = window.scrollY;
    target.scrollIntoView({ block: "center", inline: "center" });
    window.scrollTo(x, y);
  }
}

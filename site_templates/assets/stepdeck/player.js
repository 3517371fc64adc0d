/* The step-through player. Python pre-renders every frame's badge, caption and states (data-from/data-to),
   marks every interaction with its step (data-step) and lane (data-lane), and the data carries
   every step's active ids, states and checkpoint, so rendering a step only toggles classes and
   attributes and sets text: no measuring, no geometry, no ids built or parsed. */
import { $, $$, el } from "./dom.js";
import { replaceHash } from "./router.js";

export function clampStep(n, last) {
  const v = Math.floor(Number(n));
  if (Number.isNaN(v)) return 0;
  return Math.max(0, Math.min(last, v));
}

// Which controls are disabled at step n of 0..last; play never is (it restarts from the start).
// shown(k) says whether step k is on the followed lane (default: every step is).
export function controlStates(n, last, shown) {
  const atStart = n <= 0, atEnd = nextShown(n, last, shown || (() => true)) === null;
  return { first: atStart, prev: atStart, play: false, next: atEnd, last: atEnd };
}

// Whether step k is shown when following lane (a code, or null for every lane): the start, steps in no
// lane and steps of that lane are; lanes are the page data's per-step lane codes.
export function onLane(lanes, lane) {
  return !lane || !lanes || lanes.length === 0 || lanes.indexOf(lane) >= 0;
}

// The first shown step after n, or null; the last shown step before n (the start is always shown).
export function nextShown(n, last, shown) {
  for (let k = n + 1; k <= last; k++) if (shown(k)) return k;
  return null;
}

export function prevShown(n, shown) {
  for (let k = n - 1; k > 0; k--) if (shown(k)) return k;
  return 0;
}

// The class a [data-step] element of the frame gets at step `current`: earlier steps quiet, this one strong,
// later ones not drawn (theme.py styles the three).
export function stepClass(step, current) {
  return step < current ? "sd-past" : step === current ? "sd-now" : "sd-later";
}

// Whether something drawn for frames from..to (inclusive, Python's data-from/data-to) shows at step n.
export function inRange(from, to, n) {
  return Number(from) <= n && n <= Number(to);
}

// The lane the frame emphasises: the reader's chosen lane, else the step's own (null: none).
export function focusLane(chosen, stepLane) {
  return chosen != null ? chosen : stepLane == null ? null : stepLane;
}

// Classes of a [data-lane] element: quiet outside the focused lane, not drawn outside the chosen one.
export function laneClasses(lane, focus, chosen) {
  return { "sd-other-lane": focus != null && lane !== focus, "sd-lane-off": chosen != null && lane !== chosen };
}

export class Player {
  // options: step (where to start), lane (the lane code to follow, or null), remember(n, lane) (keeps both
  // across re-renders), hash(n, lane) (their fragment)
  constructor(root, data, options) {
    this.root = root;
    this.steps = data.steps;
    this.last = data.steps.length - 1;
    this.options = options;
    this.lane = options.lane || null;
    this.step = clampStep(options.step || 0, this.last);
    this.timer = null;
    this.controls = $$(root, ".sd-player-controls [data-action]");
    this.playButton = $(root, ".sd-play");
    this.slider = $(root, ".sd-slider");
    this.speed = $(root, ".sd-speed");
    this.count = $(root, ".sd-step-count");
    this.text = $(root, ".sd-step-text");
    this.laneInputs = $$(root, ".sd-lane-switch input[type=radio]");
    this.stateLanes = $$(root, ".sd-states [data-lane]");
    this.note = $(root, ".sd-states p.sd-checkpoint-note");
    this.svg = $(root, "figure.sd-player-frame svg");
    this.title = this.svg && $(this.svg, "title");
    this.ranged = this.svg ? $$(this.svg, "[data-from]") : [];
    this.stepped = this.svg ? $$(this.svg, "[data-step]") : [];
    this.laned = this.svg ? $$(this.svg, "[data-lane]") : [];
    this.shapes = this.svg ? $$(this.svg, "g.node, g.edge") : [];
    this.rows = $$(root, "table.sd-execution tr[data-step]");
    this.states = $$(root, ".sd-state-list li[data-component]");
    this.checkpoints = $$(root, ".sd-tracker [data-checkpoint]");
    this.controls.forEach((b) => b.addEventListener("click", () => this.action(b.getAttribute("data-action"))));
    this.slider.addEventListener("input", () => this.go(parseInt(this.slider.value, 10), true));
    this.speed.addEventListener("change", () => { if (this.timer) { this.pause(); this.play(); } });
    this.laneInputs.forEach((input) => input.addEventListener("change", () => {
      if (input.checked) this.follow(input.value || null, true);
    }));
    this.render();
  }

  shown(k) {
    return k === 0 || onLane(this.steps[k].lanes, this.lane);
  }

  // Follow one lane (a code from the page data) or every lane (null); a step of another lane gives way
  // to the followed lane's next step (or, past its last, its last).
  follow(lane, updateUrl) {
    this.lane = lane || null;
    this.go(this.step, updateUrl);
  }

  action(name) {
    const shown = (k) => this.shown(k);
    if (name === "first") this.go(0, true);
    else if (name === "last") this.go(prevShown(this.last + 1, shown), true);
    else if (name === "prev") this.go(prevShown(this.step, shown), true);
    else if (name === "next") this.go(nextShown(this.step, this.last, shown) ?? this.step, true);
    else if (name === "play") { if (this.timer) this.pause(); else this.play(); }
  }

  play() {
    if (this.step >= this.last) this.go(0, true);
    this.timer = setInterval(() => {
      const next = nextShown(this.step, this.last, (k) => this.shown(k));
      if (next === null) this.pause(); else this.go(next, true);
    }, parseInt(this.speed.value, 10) || 1800);
    this.playState(true);
  }

  pause() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.playState(false);
  }

  playState(on) {
    this.playButton.setAttribute("aria-pressed", on ? "true" : "false");
    this.playButton.setAttribute("aria-label", on ? "Pause" : "Play");
    this.playButton.textContent = on ? "❚❚ Pause" : "▶ Play";
  }

  go(n, updateUrl) {
    const k = clampStep(n, this.last), shown = (j) => this.shown(j);
    this.step = shown(k) ? k : nextShown(k, this.last, shown) ?? prevShown(k, shown);
    this.options.remember(this.step, this.lane);
    this.render();
    if (updateUrl) replaceHash(this.options.hash(this.step, this.lane));
  }

  render() {
    const n = this.step, s = this.steps[n];
    this.renderFrame(n, s);
    this.slider.value = String(n);
    this.slider.setAttribute("aria-valuetext", "Step " + n + " of " + this.last);
    this.count.textContent = n + " / " + this.last;
    // the step's full text, said once: the diagram carries its short caption
    this.text.textContent = s.narration;
    const off = controlStates(n, this.last, (k) => this.shown(k));
    this.controls.forEach((b) => b.setAttribute("aria-disabled", off[b.getAttribute("data-action")] ? "true" : "false"));
    this.renderLane();
    this.rows.forEach((tr) => tr.classList.toggle("sd-current", tr.getAttribute("data-step") === String(n)));
    this.renderStates(s);
    this.renderCheckpoint(s);
  }

  // the lane switch shows the followed lane, and the states list only its lane's (and the shared)
  // components; renderFrame switches the other lanes' parts of the diagram off
  renderLane() {
    this.laneInputs.forEach((input) => { input.checked = (input.value || null) === this.lane; });
    this.stateLanes.forEach((e) => { e.hidden = this.lane !== null && e.getAttribute("data-lane") !== this.lane; });
  }

  renderFrame(n, s) {
    if (!this.svg) return;
    const active = new Set(s.active || []);
    this.shapes.forEach((g) => g.classList.toggle("sd-active", active.has(g.id) && n > 0));
    this.stepped.forEach((g) => {
      const wanted = stepClass(Number(g.getAttribute("data-step")), n);
      ["sd-past", "sd-now", "sd-later"].forEach((c) => g.classList.toggle(c, c === wanted));
    });
    const focus = focusLane(this.lane, s.lane);
    this.laned.forEach((g) => {
      const classes = laneClasses(g.getAttribute("data-lane"), focus, this.lane);
      Object.keys(classes).forEach((c) => g.classList.toggle(c, classes[c]));
    });
    this.ranged.forEach((g) => {
      g.classList.toggle("sd-current", inRange(g.getAttribute("data-from"), g.getAttribute("data-to"), n));
    });
    if (this.title && s.title != null) this.title.textContent = s.title;
    // zoomed in, the frame scrolls: zoom.js brings the acting part into view (never when the diagram fits)
    if (this.options.focus) this.options.focus();
  }

  // every tracked component's state after this step; changed ones are marked in text too, not only colour
  renderStates(s) {
    const changed = s.changed || [], states = s.states || {};
    this.states.forEach((li) => {
      const id = li.getAttribute("data-component"), isChanged = changed.indexOf(id) >= 0;
      const value = $(li, ".sd-state-value");
      if (value) value.textContent = states[id] == null ? "" : states[id];
      li.classList.toggle("sd-changed", isChanged);
      const mark = $(li, ".sd-changed-mark");
      if (isChanged && !mark) li.appendChild(el("span", "sd-changed-mark", "changed"));
      if (!isChanged && mark) mark.remove();
    });
  }

  renderCheckpoint(s) {
    const at = s.checkpoint == null ? null : String(s.checkpoint);
    this.checkpoints.forEach((cell) => cell.classList.toggle("sd-current", at !== null && cell.getAttribute("data-checkpoint") === at));
    if (!this.note) return;
    this.note.replaceChildren();
    if (at === null || s.checkpointLabel == null) return;
    const link = el("a", null, "state tracker");
    link.href = "#tracker";
    this.note.append("This step is the column “" + s.checkpointLabel + "” of the ", link, ".");
  }
}

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

// Which fork offer shows at step n of the main line (the scenarios forking there), or, on a what-if's line,
// only its own "back to the main line" note. Returns the data-scenario values of the elements to show.
export function forkState(line, n, scenarios) {
  if (line != null) return { offers: [], taken: String(line) };
  const offers = [];
  (scenarios || []).forEach((s, k) => { if (s.fork === n) offers.push(String(k)); });
  return { offers, taken: null };
}

export class Player {
  // options: step (where to start), lane (the lane code to follow, or null), line (null: the main line, k:
  // scenario k), remember(n, lane, line) (keeps them across re-renders), hash(n, lane, line) (their fragment),
  // focus() (zoom.js: bring the acting part into view)
  constructor(root, data, options) {
    this.root = root;
    this.data = data;
    this.scenarios = data.scenarios || [];
    this.options = options;
    this.lane = options.lane || null;
    this.figures = $$(root, "figure.sd-player-frame");
    this.offers = $$(root, ".sd-fork-offer");
    this.taken = $$(root, ".sd-fork-taken");
    $$(root, ".sd-fork [data-action]").forEach((b) => b.addEventListener("click", () => this.fork(b)));
    this.mainRows = $$(root, "table.sd-execution:not([data-scenario]) tr[data-step]");
    this.useLine(options.line == null ? null : options.line);
    this.step = clampStep(options.step || 0, this.last);
    this.timer = null;
    this.controls = $$(root, ".sd-player-controls [data-action]");
    this.playButton = $(root, ".sd-play");
    this.slider = $(root, ".sd-slider");
    this.slider.max = String(this.last);
    this.speed = $(root, ".sd-speed");
    this.count = $(root, ".sd-step-count");
    this.text = $(root, ".sd-step-text");
    this.laneInputs = $$(root, ".sd-lane-switch input[type=radio]");
    this.stateLanes = $$(root, ".sd-states [data-lane]");
    this.note = $(root, ".sd-states p.sd-checkpoint-note");
    this.states = $$(root, ".sd-state-list li[data-component]");
    this.checkpoints = $$(root, "table.sd-tracker:not([data-scenario]) [data-checkpoint]");
    this.controls.forEach((b) => b.addEventListener("click", () => this.action(b.getAttribute("data-action"))));
    this.slider.addEventListener("input", () => this.go(parseInt(this.slider.value, 10), true));
    this.speed.addEventListener("change", () => { if (this.timer) { this.pause(); this.play(); } });
    this.laneInputs.forEach((input) => input.addEventListener("change", () => {
      if (input.checked) this.follow(input.value || null, true);
    }));
    this.render();
  }

  // Switch the line the player steps through: the main one (null) or scenario k, each with its own SVG,
  // frames and execution table; the slider's range follows.
  useLine(line) {
    this.line = line;
    const key = line == null ? null : String(line);
    this.steps = line == null ? this.data.steps : this.scenarios[line].steps;
    this.last = this.steps.length - 1;
    this.figures.forEach((f) => { f.hidden = f.getAttribute("data-scenario") !== key; });
    const figure = this.figures.filter((f) => f.getAttribute("data-scenario") === key)[0];
    this.svg = figure ? $(figure, "svg") : null;
    this.title = this.svg && $(this.svg, "title");
    this.ranged = this.svg ? $$(this.svg, "[data-from]") : [];
    this.stepped = this.svg ? $$(this.svg, "[data-step]") : [];
    this.laned = this.svg ? $$(this.svg, "[data-lane]") : [];
    this.shapes = this.svg ? $$(this.svg, "g.node, g.edge") : [];
    // a what-if's line starts with the main steps up to its fork: their rows are the main table's
    this.rows = line == null ? this.mainRows : this.mainRows
      .filter((tr) => Number(tr.getAttribute("data-step")) <= this.scenarios[line].fork)
      .concat($$(this.root, 'table.sd-execution[data-scenario="' + key + '"] tr[data-step]'));
    if (this.slider) this.slider.max = String(this.last);
  }

  // the fork buttons: take scenario k (its first own step), go on with the main line, or go back to the fork
  fork(button) {
    const action = button.getAttribute("data-action");
    if (action === "take") {
      const k = Number(button.getAttribute("data-scenario"));
      this.go(this.scenarios[k].fork + 1, true, k);
    } else if (action === "leave") {
      this.go(this.scenarios[this.line].fork, true, null);
    } else if (action === "main") {
      this.action("next");
    }
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

  // line: undefined stays on the current line, null is the main line, k scenario k
  go(n, updateUrl, line) {
    if (line !== undefined && line !== this.line) this.useLine(line);
    const k = clampStep(n, this.last), shown = (j) => this.shown(j);
    this.step = shown(k) ? k : nextShown(k, this.last, shown) ?? prevShown(k, shown);
    this.options.remember(this.step, this.lane, this.line);
    this.render();
    if (updateUrl) replaceHash(this.options.hash(this.step, this.lane, this.line));
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
    this.renderFork(n);
  }

  renderFork(n) {
    const state = forkState(this.line, n, this.scenarios);
    this.offers.forEach((p) => { p.hidden = state.offers.indexOf(p.getAttribute("data-scenario")) < 0; });
    this.taken.forEach((p) => { p.hidden = p.getAttribute("data-scenario") !== state.taken; });
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

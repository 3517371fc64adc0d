/* StepDeck lesson pages: entry point, loaded as <script type="module" src=".../stepdeck/boot.js">.
   The page is complete HTML without it; this only adds behaviour. It binds the global listeners
   once, and on every page Material shows (instant navigation swaps the page without reloading
   scripts) builds a controller for the .sd-lesson on it. See router.js for the fragment grammar. */
import { $, $$ } from "./dom.js";
import { PLAYER_MODE, navigate, onNavigate, parseHash, replaceHash, stepHash, tabTarget } from "./router.js";
import { Player } from "./player.js";
import { Zoom } from "./zoom.js";
import { initLinks } from "./links.js";
import { Quiz } from "./quiz.js";
import { initCatalog } from "./catalog.js";

let current = null; // the controller of the lesson on screen; the global listeners talk to it
// lesson id -> {step, lane (the code the player follows, null: every lane), line (null: the main line,
// k: scenario k)}, kept when Material re-renders the same page
const lastStep = {};

// Material's instant navigation re-creates inline scripts without their attributes, so the data
// script may have lost its class; it is then the lesson's own last <script> child.
export function dataScript(root) {
  return root.querySelector("script.sd-data") || root.querySelector(":scope > script:last-of-type");
}

class Lesson {
  constructor(root) {
    const data = JSON.parse(dataScript(root).textContent)[0], lesson = data.lesson;
    this.root = root;
    this.data = data;
    this.grammar = { modes: data.modes, step: data.grammar.step, lane: data.grammar.lane,
                     lanes: (data.lanes || []).map((l) => l.code), ids: data.grammar.ids, names: data.grammar.names,
                     lines: data.grammar.lines, lineNames: data.grammar.lineNames };
    this.mode = null;
    this.tabs = $$(root, "a.sd-mode-tab[data-mode]");
    this.panels = $$(root, "section.sd-panel[data-mode]");
    // one overview serves the flow, tracker and key-moments panels (no copies, so no ids to rewrite)
    this.overview = $(root, "[data-overview-slot] > svg");
    root.classList.add("sd-js");
    this.zoom = new Zoom(root);
    const kept = lastStep[lesson] || { step: 0, lane: null, line: null };
    this.player = new Player(root, data, {
      step: kept.step, lane: kept.lane, line: kept.line,
      remember: (n, lane, line) => { lastStep[lesson] = { step: n, lane: lane, line: line }; },
      hash: (n, lane, line) => stepHash(n, this.grammar, lane, line),
      focus: () => this.zoom.focus(),
    });
    this.playerBox = $(root, ".sd-player");
    initLinks(root, (n) => navigate(stepHash(n, this.grammar)));
    this.quiz = new Quiz(root, data, (n) => stepHash(n, this.grammar));
    this.applyHash(location.hash, "load");
    this.tabs.forEach((tab, i) => tab.addEventListener("keydown", (ev) => {
      const j = tabTarget(i, ev.key, this.tabs.length);
      if (j === null) return;
      ev.preventDefault();
      ev.stopPropagation(); // the player's arrow keys must not also see it
      this.tabs[j].focus();
      // arrowing along the tabs browses: it replaces the entry; a click or Enter on a tab adds one
      navigate("#" + this.tabs[j].getAttribute("data-mode"), true);
    }));
  }

  showMode(mode) {
    this.mode = mode;
    this.tabs.forEach((tab) => {
      const on = tab.getAttribute("data-mode") === mode;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      tab.classList.toggle("sd-current", on);
    });
    this.panels.forEach((panel) => {
      panel.hidden = panel.getAttribute("data-mode") !== mode;
      const slot = !panel.hidden && $(panel, "[data-overview-slot]");
      if (slot && this.overview && this.overview.parentNode !== slot) slot.prepend(this.overview);
    });
    if (mode === PLAYER_MODE) this.player.render(); else this.player.pause();
  }

  // scroll: true after a navigation, "load" for the page's own address, false while browsing (Back, arrowed tabs)
  applyHash(hash, scroll) {
    const named = parseHash(hash, this.grammar);
    const target = named || { mode: this.mode || this.data.modes[0], step: null, lane: null, line: null };
    this.showMode(target.mode);
    if (target.step !== null) {
      this.player.lane = target.lane;
      this.player.go(target.step, false, target.line);
      // a step off the followed lane moved to one on it: the address says where the player is
      if (this.player.step !== target.step) {
        replaceHash(stepHash(this.player.step, this.grammar, target.lane, this.player.line));
      }
    }
    if (named && target.mode === PLAYER_MODE && scroll !== false) {
      // one screen: the diagram, the controls and the step's text all show once the player is opened
      if (this.playerBox) this.playerBox.scrollIntoView({ block: "start" });
      return;
    }
    const nav = scroll === true && $(this.root, ".sd-modes");
    // only scroll back up when the tabs have gone off the top; a visible tab list stays where it is
    if (nav && nav.getBoundingClientRect().top < 0) nav.scrollIntoView({ block: "start" });
  }
}

const PLAYER_KEYS = { ArrowLeft: "prev", ArrowRight: "next", Home: "first", End: "last" };

function keydown(ev) {
  if (!current || current.mode !== PLAYER_MODE || ev.altKey || ev.ctrlKey || ev.metaKey) return;
  const t = ev.target;
  // keys belong to the control that has focus: fields, the quiz, the tab list, other page parts
  if (t && t.closest && (t.closest("input, select, textarea, [contenteditable], .sd-panel[data-mode=quiz], form, [role=tablist], figure.sd-zoom") ||
      (!t.closest(".sd-lesson") && t !== document.body && t !== document.documentElement))) return;
  if (!PLAYER_KEYS[ev.key]) return;
  ev.preventDefault();
  current.player.action(PLAYER_KEYS[ev.key]);
}

function click(ev) {
  if (!current || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  const a = ev.target.closest && ev.target.closest("a[href]");
  if (!a || a.target) return;
  // Material rewrites links of pages it fetched to absolute URLs: compare the page, then the fragment
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname !== location.pathname || !parseHash(url.hash, current.grammar)) return;
  ev.preventDefault();
  ev.stopPropagation(); // captured before Material's own handler, which would pushState and re-fetch
  navigate(url.hash);
}

function start() {
  if (current) current.player.pause();
  current = null;
  const root = document.querySelector(".sd-lesson");
  if (root && dataScript(root)) current = new Lesson(root);
  initCatalog(document);
  const grammar = current ? current.grammar : { modes: [], step: null };
  // kept for the existing browser tests and for debugging in the console
  window.StepDeck = { parseHash: (hash) => parseHash(hash, grammar), modes: grammar.modes.slice() };
}

function boot() {
  onNavigate((hash, replace) => { if (current) current.applyHash(hash, !replace); });
  if (!window.__stepdeckBound) {
    window.__stepdeckBound = true;
    document.addEventListener("keydown", keydown);
    document.addEventListener("click", click, true);
    window.addEventListener("hashchange", () => { if (current) current.applyHash(location.hash, true); });
    window.addEventListener("popstate", () => { if (current) current.applyHash(location.hash, false); });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}

// node imports this file for its tests: only a browser boots
if (typeof window !== "undefined" && typeof document !== "undefined") boot();

/* Linked views: the execution table and the step-carrying parts of every diagram open the player,
   and pointing at a component highlights it everywhere. Python renders the link semantics
   (tabindex, role=link, aria-label, .sd-link) and every data-component; this only adds listeners. */
import { $$ } from "./dom.js";

// A data-step value as a step number, or null unless it is plain ASCII digits.
export function stepOf(value) {
  return /^[0-9]+$/.test(String(value == null ? "" : value)) ? parseInt(value, 10) : null;
}

// Group elements by their data-component value, so a hover toggles a precomputed list.
export function groupByComponent(elements) {
  const groups = new Map();
  elements.forEach((e) => {
    const id = e.getAttribute("data-component");
    if (!groups.has(id)) groups.set(id, []);
    groups.get(id).push(e);
  });
  return groups;
}

const HIGHLIGHTED = "svg [data-component], .sd-tracker tr[data-component], " +
  ".sd-state-list li[data-component], .sd-component-ref[data-component]";
const POINTERS = ".sd-tracker tr[data-component] > th, .sd-state-list li[data-component], .sd-component-ref";

// openStep(n) navigates to step n of the player.
export function initLinks(root, openStep) {
  const open = (e) => {
    const n = stepOf(e.getAttribute("data-step"));
    if (n !== null) openStep(n);
  };
  $$(root, "table.sd-execution:not([data-scenario]) tr[data-step]").forEach((tr) => {
    // the row's own step link is an ordinary link: the global click handler takes it
    tr.addEventListener("click", (ev) => { if (!ev.target.closest("a")) open(tr); });
    tr.addEventListener("keydown", (ev) => { if (ev.key === "Enter" && ev.target === tr) open(tr); });
  });
  // a what-if's own player counts its steps along its line: its links are the page's fragments
  $$(root, "svg [data-step]").filter((g) => !g.closest("[data-scenario]")).forEach((g) => {
    // only the innermost step-carrying element acts, should Python ever nest them
    const mine = (ev) => ev.target.closest("svg [data-step]") === g;
    g.addEventListener("click", (ev) => { if (mine(ev)) open(g); });
    g.addEventListener("keydown", (ev) => {
      if ((ev.key === "Enter" || ev.key === " ") && mine(ev)) { ev.preventDefault(); open(g); }
    });
  });
  const groups = groupByComponent($$(root, HIGHLIGHTED));
  const hover = (id, on) => (groups.get(id) || []).forEach((e) => e.classList.toggle("sd-hover", on));
  $$(root, POINTERS).forEach((e) => {
    const host = e.closest("[data-component]");
    if (!host) return;
    const id = host.getAttribute("data-component");
    if (!e.hasAttribute("tabindex")) e.tabIndex = 0; // keyboard users get the same highlight on focus
    e.addEventListener("mouseenter", () => hover(id, true));
    e.addEventListener("focus", () => hover(id, true));
    e.addEventListener("mouseleave", () => hover(id, false));
    e.addEventListener("blur", () => hover(id, false));
  });
}

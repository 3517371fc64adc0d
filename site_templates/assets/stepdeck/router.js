/* StepDeck fragment grammar and history.

   A grammar is {modes, step}, built by boot.js from the lesson data as
   {modes: data.modes, step: data.grammar.step}:
     modes  the mode names; "#<mode>" selects that mode ("#flow", "#quiz", …)
     step   the player prefix without "#"; "#<step><digits>" opens the player (mode PLAYER_MODE)
            at that step ("#step-3" with step "step-")
     lines  what-if fragment -> [scenario, step] ("#what-if-config-stops", "#what-if-config-stops/step-8");
            lineNames[scenario] maps a step of that line back to its fragment, for stepHash
     ids    step id -> step number, for the steps that have an id: "#<step><id>" opens that step
            ("#step-sidecar-intercepts"); names is the same map the other way, for stepHash
   Matching is exact and case-sensitive, and the step number is ASCII digits only: "#Flow", "#step-",
   "#step-1x", "#step--1" and "" are not ours (null), so the browser treats them as ordinary anchors. */

export const PLAYER_MODE = "steps";

export function parseHash(hash, grammar) {
  if (!grammar) return null;
  const h = String(hash || "").replace(/^#/, "");
  // a mode name is checked first, so a mode that happens to start with the step prefix stays a mode
  if ((grammar.modes || []).indexOf(h) >= 0) return { mode: h, step: null };
  // a what-if's fragments are looked up whole: {fragment: [scenario, step]}
  const lines = grammar.lines || {};
  if (Object.prototype.hasOwnProperty.call(lines, h)) return { mode: PLAYER_MODE, step: lines[h][1], line: lines[h][0] };
  const prefix = grammar.step;
  if (!prefix || !h.startsWith(prefix)) return null;
  const digits = h.slice(prefix.length);
  const ids = grammar.ids || {};
  if (Object.prototype.hasOwnProperty.call(ids, digits)) return { mode: PLAYER_MODE, step: ids[digits] };
  return /^[0-9]+$/.test(digits) ? { mode: PLAYER_MODE, step: parseInt(digits, 10) } : null;
}

// A step's address: by its id when it has one (it survives an inserted step), else by its number.
export function stepHash(n, grammar, line) {
  if (line != null) {
    const own = (grammar.lineNames || [])[line] || {};
    if (Object.prototype.hasOwnProperty.call(own, String(n))) return "#" + own[String(n)];
  }
  const names = grammar.names || {};
  return "#" + grammar.step + (Object.prototype.hasOwnProperty.call(names, String(n)) ? names[String(n)] : n);
}

// Roving focus in the tab list (WAI-ARIA tabs pattern): the arrows wrap, Home/End jump; null = not ours.
export function tabTarget(index, key, count) {
  if (!(count > 0)) return null;
  if (key === "ArrowRight") return (index + 1) % count;
  if (key === "ArrowLeft") return (index + count - 1) % count;
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return null;
}

// boot.js points this at the lesson on screen; the router itself holds no page state.
let listener = null;
export function onNavigate(fn) {
  listener = fn;
}

// Our fragments are views, not anchors. Material's instant navigation intercepts same-page links
// (pushState without hashchange) and re-fetches the page on its first popstate, so in-page
// navigation is done here with pushState, which neither fires.
export function navigate(hash) {
  if (location.hash !== hash) history.pushState(null, "", hash);
  if (listener) listener(hash);
}

// Step changes inside the player replace the history entry: Back leaves the player, not each step.
export function replaceHash(hash) {
  if (location.hash !== hash) history.replaceState(history.state, "", hash);
}

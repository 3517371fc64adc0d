/* StepDeck fragment grammar and history.

   A grammar is {modes, step, lane, lanes, ids, names, lines, lineNames}, built by boot.js from the lesson
   data as {modes: data.modes, lanes: the lesson's lane codes, and the rest from data.grammar}:
     modes  the mode names; "#<mode>" selects that mode ("#flow", "#quiz", …)
     step   the player prefix without "#"; "#<step><digits>" opens the player (mode PLAYER_MODE)
            at that step ("#step-3" with step "step-")
     lane   the separator of the lane the player follows alone: any player fragment may end in it and a
            lane code, "#step-3~l1" with lane "~" follows the lane coded "l1" (one of lanes); without it
            the player follows every lane
     lines  what-if fragment -> [scenario, step] ("#what-if-config-stops", "#what-if-config-stops/step-8");
            lineNames[scenario] maps a step of that line back to its fragment, for stepHash
     ids    step id -> step number, for the steps that have an id: "#<step><id>" opens that step
            ("#step-sidecar-intercepts", "#step-sidecar-intercepts~l2"); names is the same map the other
            way, for stepHash
   Matching is exact and case-sensitive, and the step number is ASCII digits only: "#Flow", "#step-",
   "#step-1x", "#step--1", "#step-1~", "#step-1~l9" (no such lane) and "" are not ours (null), so the
   browser treats them as ordinary anchors. */

export const PLAYER_MODE = "steps";

export function parseHash(hash, grammar) {
  if (!grammar) return null;
  const h = String(hash || "").replace(/^#/, "");
  // a mode name is checked first, so a mode that happens to start with the step prefix stays a mode
  if ((grammar.modes || []).indexOf(h) >= 0) return { mode: h, step: null, lane: null, line: null };
  let rest = h, lane = null;
  const cut = grammar.lane ? h.indexOf(grammar.lane) : -1;
  if (cut >= 0) {
    lane = h.slice(cut + grammar.lane.length);
    rest = h.slice(0, cut);
    if ((grammar.lanes || []).indexOf(lane) < 0) return null;
  }
  // a what-if's fragments are looked up whole: {fragment: [scenario, step]}
  const lines = grammar.lines || {};
  if (own(lines, rest)) return { mode: PLAYER_MODE, step: lines[rest][1], lane, line: lines[rest][0] };
  const prefix = grammar.step;
  if (!prefix || !rest.startsWith(prefix)) return null;
  const digits = rest.slice(prefix.length);
  const ids = grammar.ids || {};
  if (own(ids, digits)) return { mode: PLAYER_MODE, step: ids[digits], lane, line: null };
  return /^[0-9]+$/.test(digits) ? { mode: PLAYER_MODE, step: parseInt(digits, 10), lane, line: null } : null;
}

function own(map, key) {
  return Object.prototype.hasOwnProperty.call(map, key);
}

// A step's address: by its id when it has one (it survives an inserted step), else by its number; on a
// what-if's line (line: its index) by that line's fragment; lane: a lane code to follow alone, or null.
export function stepHash(n, grammar, lane, line) {
  const suffix = lane ? grammar.lane + lane : "";
  if (line != null) {
    const lineNames = (grammar.lineNames || [])[line] || {};
    if (own(lineNames, String(n))) return "#" + lineNames[String(n)] + suffix;
  }
  const names = grammar.names || {};
  return "#" + grammar.step + (own(names, String(n)) ? names[String(n)] : n) + suffix;
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
// navigation is done here with pushState, which neither fires. replace: browse without adding an entry.
export function navigate(hash, replace) {
  if (replace) replaceHash(hash);
  else if (location.hash !== hash) history.pushState(null, "", hash);
  if (listener) listener(hash, !!replace);
}

// Step changes inside the player replace the history entry: Back leaves the player, not each step.
export function replaceHash(hash) {
  if (location.hash !== hash) history.replaceState(history.state, "", hash);
}

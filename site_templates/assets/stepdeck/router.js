/* StepDeck fragment grammar and history.

   A grammar is {modes, step, lane, lanes}, built by boot.js from the lesson data as
   {modes: data.modes, step: data.grammar.step, lane: data.grammar.lane, lanes: the lesson's lane codes}:
     modes  the mode names; "#<mode>" selects that mode ("#flow", "#quiz", …)
     step   the player prefix without "#"; "#<step><digits>" opens the player (mode PLAYER_MODE)
            at that step ("#step-3" with step "step-")
     lane   the separator of the lane the player follows alone: "#step-3~l1" with lane "~" follows
            the lane coded "l1" (one of lanes); without it the player follows every lane
   Matching is exact and case-sensitive, and the step number is ASCII digits only: "#Flow", "#step-",
   "#step-1x", "#step--1", "#step-1~", "#step-1~l9" (no such lane) and "" are not ours (null), so the
   browser treats them as ordinary anchors. */

export const PLAYER_MODE = "steps";

export function parseHash(hash, grammar) {
  if (!grammar) return null;
  const h = String(hash || "").replace(/^#/, "");
  // a mode name is checked first, so a mode that happens to start with the step prefix stays a mode
  if ((grammar.modes || []).indexOf(h) >= 0) return { mode: h, step: null, lane: null };
  const prefix = grammar.step;
  if (!prefix || !h.startsWith(prefix)) return null;
  let rest = h.slice(prefix.length), lane = null;
  const cut = grammar.lane ? rest.indexOf(grammar.lane) : -1;
  if (cut >= 0) {
    lane = rest.slice(cut + grammar.lane.length);
    rest = rest.slice(0, cut);
    if ((grammar.lanes || []).indexOf(lane) < 0) return null;
  }
  return /^[0-9]+$/.test(rest) ? { mode: PLAYER_MODE, step: parseInt(rest, 10), lane } : null;
}

// lane: a lane code to follow alone, or null for every lane
export function stepHash(n, grammar, lane) {
  return "#" + grammar.step + n + (lane ? grammar.lane + lane : "");
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

/* StepDeck lesson pages: mode tabs, step-through player, linked views, quiz.
   Plain JS, no dependencies. The page is complete HTML without it; this only adds behaviour.
   Author text reaches the DOM through textContent or cloned nodes, never innerHTML.
   Fragment grammar: #flow #steps #table #tracker #lanes #moments #quiz #snapshot #transcript
   select a mode; #step-N opens the player at step N. */
(function () {
  "use strict";
  var MODES = ["flow", "steps", "table", "tracker", "lanes", "moments", "quiz", "snapshot", "transcript"];
  var SVG = "http://www.w3.org/2000/svg";
  var current = null; // the controller of the lesson on screen; global listeners talk to it
  var lastStep = {}; // lesson id -> player step, kept when Material re-renders the same page

  function $(root, sel) { return root.querySelector(sel); }
  function $$(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function parseHash(hash) {
    var h = (hash || "").replace(/^#/, "");
    var m = /^step-(\d+)$/.exec(h);
    if (m) return { mode: "steps", step: parseInt(m[1], 10) };
    return MODES.indexOf(h) >= 0 ? { mode: h, step: null } : null;
  }

  function Lesson(root) {
    var self = this;
    this.root = root;
    this.data = JSON.parse(dataScript(root).textContent)[0];
    this.last = this.data.steps.length - 1;
    this.step = Math.min(lastStep[this.data.lesson] || 0, this.last);
    this.timer = null;
    this.tabs = $$(root, "a.sd-mode-tab[data-mode]");
    this.panels = $$(root, "section.sd-panel[data-mode]");
    this.svg = $(root, "figure.sd-player-frame svg");
    this.slider = $(root, ".sd-slider");
    this.speed = $(root, ".sd-speed");
    root.classList.add("sd-js");
    // never shrink a diagram below 60% of its drawn size: past that it scrolls inside its figure
    $$(root, "svg.sd-diagram").forEach(function (svg) {
      var box = (svg.getAttribute("viewBox") || "").split(/\s+/);
      if (box.length === 4 && +box[2] > 0) {
        svg.style.minWidth = Math.round(+box[2] * 0.6) + "px";
        svg.style.maxWidth = Math.round(+box[2] * 1.1) + "px"; // and never blow a small one up
      }
    });
    this.initPlayer();
    this.initLinks();
    this.quiz = new Quiz(root, this.data);
    this.applyHash(location.hash, false);
    this.tabs.forEach(function (tab) {
      tab.addEventListener("keydown", function (ev) { self.tabKey(ev, tab); });
    });
  }

  /* ---- modes ---- */
  Lesson.prototype.showMode = function (mode) {
    this.mode = mode;
    this.tabs.forEach(function (tab) {
      var on = tab.getAttribute("data-mode") === mode;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      tab.classList.toggle("sd-current", on);
    });
    this.panels.forEach(function (panel) { panel.hidden = panel.getAttribute("data-mode") !== mode; });
    if (mode !== "steps") this.pause(); else this.render();
  };
  Lesson.prototype.applyHash = function (hash, scroll) {
    var target = parseHash(hash) || { mode: this.mode || "flow", step: null };
    this.showMode(target.mode);
    if (target.step !== null) this.go(target.step, false);
    if (scroll) {
      var nav = $(this.root, ".sd-modes");
      if (nav.getBoundingClientRect().top < 0) nav.scrollIntoView({ block: "start" });
    }
  };
  Lesson.prototype.tabKey = function (ev, tab) {
    var i = this.tabs.indexOf(tab), n = this.tabs.length, j = null;
    if (ev.key === "ArrowRight") j = (i + 1) % n;
    else if (ev.key === "ArrowLeft") j = (i + n - 1) % n;
    else if (ev.key === "Home") j = 0;
    else if (ev.key === "End") j = n - 1;
    if (j === null) return;
    ev.preventDefault();
    ev.stopPropagation();
    this.tabs[j].focus();
    navigate("#" + this.tabs[j].getAttribute("data-mode"));
  };

  /* ---- player ---- */
  Lesson.prototype.initPlayer = function () {
    var self = this;
    $$(this.root, ".sd-player-controls [data-action]").forEach(function (button) {
      button.addEventListener("click", function () { self.action(button.getAttribute("data-action")); });
    });
    this.slider.addEventListener("input", function () { self.go(parseInt(self.slider.value, 10), true); });
    this.speed.addEventListener("change", function () { if (self.timer) { self.pause(); self.play(); } });
    var checkpoint = el("p", "sd-checkpoint-note");
    $(this.root, ".sd-states").appendChild(checkpoint);
    this.checkpointNote = checkpoint;
    this.render();
  };
  Lesson.prototype.action = function (name) {
    if (name === "first") this.go(0, true);
    else if (name === "last") this.go(this.last, true);
    else if (name === "prev") this.go(this.step - 1, true);
    else if (name === "next") this.go(this.step + 1, true);
    else if (name === "play") { if (this.timer) this.pause(); else this.play(); }
  };
  Lesson.prototype.play = function () {
    var self = this;
    if (this.step >= this.last) this.go(0, true);
    this.timer = setInterval(function () {
      if (self.step >= self.last) self.pause(); else self.go(self.step + 1, true);
    }, parseInt(this.speed.value, 10) || 1800);
    this.playState(true);
  };
  Lesson.prototype.pause = function () {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.playState(false);
  };
  Lesson.prototype.playState = function (on) {
    var button = $(this.root, ".sd-play");
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.setAttribute("aria-label", on ? "Pause" : "Play");
    button.textContent = on ? "❚❚ Pause" : "▶ Play";
  };
  // Step changes inside the player replace the history entry: Back leaves the player, not each step.
  Lesson.prototype.go = function (n, updateUrl) {
    n = Math.max(0, Math.min(this.last, isNaN(n) ? 0 : n));
    this.step = lastStep[this.data.lesson] = n;
    this.render();
    if (updateUrl && location.hash !== "#step-" + n) {
      history.replaceState(history.state, "", "#step-" + n);
    }
  };
  Lesson.prototype.render = function () {
    var d = this.data, s = d.steps[this.step], root = this.root, n = this.step;
    this.restyle(s);
    this.slider.value = String(n);
    this.slider.setAttribute("aria-valuetext", "Step " + n + " of " + this.last);
    $(root, ".sd-step-count").textContent = n + " / " + this.last;
    $(root, ".sd-narration").textContent = s.narration;
    $$(root, ".sd-player-controls [data-action]").forEach(function (b) {
      var a = b.getAttribute("data-action");
      var off = (a === "first" || a === "prev") ? n === 0 : (a === "next" || a === "last") ? n === d.steps.length - 1 : false;
      b.setAttribute("aria-disabled", off ? "true" : "false");
    });
    // the execution table row: cloned from the table, so author markup stays escaped
    var source = $(root, "table.sd-execution tr[data-step='" + n + "']");
    var body = $(root, "table.sd-player-row tbody");
    if (!this.startRow) this.startRow = body.firstElementChild.cloneNode(true);
    body.replaceChildren((source || this.startRow).cloneNode(true));
    body.firstElementChild.removeAttribute("tabindex");
    labelCells($(root, "table.sd-player-row"));
    $$(root, "table.sd-execution tr[data-step]").forEach(function (tr) {
      tr.classList.toggle("sd-current", tr.getAttribute("data-step") === String(n));
    });
    // every tracked component's state after this step; changed ones are marked in text too
    $$(root, ".sd-state-list li[data-component]").forEach(function (li) {
      var id = li.getAttribute("data-component"), changed = s.changed.indexOf(id) >= 0;
      $(li, ".sd-state-value").textContent = s.states[id] == null ? "" : s.states[id];
      li.classList.toggle("sd-changed", changed);
      var mark = $(li, ".sd-changed-mark");
      if (changed && !mark) li.appendChild(el("span", "sd-changed-mark", "changed"));
      if (!changed && mark) mark.remove();
    });
    $$(root, ".sd-tracker [data-checkpoint]").forEach(function (cell) {
      cell.classList.toggle("sd-current", s.checkpoint !== null && cell.getAttribute("data-checkpoint") === String(s.checkpoint));
    });
    var head = s.checkpoint === null ? null : $(root, ".sd-tracker th[data-checkpoint='" + s.checkpoint + "']");
    this.checkpointNote.replaceChildren();
    if (head) {
      this.checkpointNote.appendChild(document.createTextNode("This step is the column “" + head.textContent + "” of the "));
      var link = el("a", null, "state tracker");
      link.href = "#tracker";
      this.checkpointNote.appendChild(link);
      this.checkpointNote.appendChild(document.createTextNode("."));
    }
  };
  // The same classes generator/svg.py highlight() writes into the static frames.
  Lesson.prototype.restyle = function (s) {
    var svg = this.svg, prefix = this.data.svgPrefix;
    if (!svg) return;
    var active = {};
    s.nodes.concat(s.edges).forEach(function (id) { active[prefix + id] = true; });
    $$(svg, "g.node, g.edge").forEach(function (g) {
      var on = !!active[g.id];
      g.classList.toggle("sd-active", on && s.number > 0);
      g.classList.toggle("sd-dim", !on && s.number > 0);
    });
    $$(svg, ".sd-badge").forEach(function (b) { b.remove(); });
    var target = s.marker ? svg.querySelector("[id='" + prefix + s.marker + "']") : null;
    if (target && s.number > 0) {
      target.appendChild(badge(target, String(s.number)));
      // on a narrow screen the frame scrolls sideways: bring the acting component into view
      var box = svg.closest(".sd-scroll"), r = target.getBoundingClientRect(), f = box && box.getBoundingClientRect();
      if (box && r.width && box.scrollWidth > box.clientWidth) box.scrollLeft += (r.left + r.width / 2) - (f.left + f.width / 2);
    }
    var title = $(svg, "title");
    if (title) title.textContent = title.textContent.replace(/: (start|step \d+)$/, s.number ? ": step " + s.number : ": start");
    caption(svg, s.caption);
  };
  function shapeCorner(g) {
    var xs = [], ys = [];
    Array.prototype.forEach.call(g.children, function (c) {
      var tag = c.localName;
      if (tag === "ellipse") {
        var cx = +c.getAttribute("cx"), cy = +c.getAttribute("cy"), rx = +c.getAttribute("rx"), ry = +c.getAttribute("ry");
        xs.push(cx - rx); ys.push(cy - ry);
      } else if (tag === "polygon" || tag === "path" || tag === "polyline") {
        var nums = (c.getAttribute("points") || c.getAttribute("d") || "").match(/-?\d+(?:\.\d+)?/g) || [];
        for (var i = 0; i + 1 < nums.length; i += 2) { xs.push(+nums[i]); ys.push(+nums[i + 1]); }
      }
    });
    return xs.length ? [Math.min.apply(null, xs), Math.min.apply(null, ys)] : null;
  }
  function badge(g, label) {
    var corner = shapeCorner(g) || [0, 0];
    var b = document.createElementNS(SVG, "g");
    b.setAttribute("class", "sd-badge");
    var c = document.createElementNS(SVG, "circle");
    c.setAttribute("class", "sd-marker");
    c.setAttribute("cx", corner[0]); c.setAttribute("cy", corner[1]); c.setAttribute("r", "11");
    var t = document.createElementNS(SVG, "text");
    t.setAttribute("class", "sd-marker-text");
    t.setAttribute("x", corner[0]); t.setAttribute("y", corner[1] + 4.5);
    t.setAttribute("text-anchor", "middle"); t.setAttribute("font-size", "12");
    t.textContent = label;
    b.appendChild(c); b.appendChild(t);
    return b;
  }
  // Re-wrap the caption into the band the generator reserved (same metrics as svg.add_caption_band).
  function caption(svg, text) {
    var band = $(svg, "g.sd-caption"), rect = band && $(band, "rect");
    if (!rect) return;
    var width = +rect.getAttribute("width") + 12, chars = Math.max(20, Math.floor((width - 28) / (15 * 0.56)));
    var words = text.split(/\s+/), lines = [""];
    words.forEach(function (w) {
      var line = lines[lines.length - 1];
      if (line && (line + " " + w).length > chars) lines.push(w); else lines[lines.length - 1] = line ? line + " " + w : w;
    });
    if (lines.length > 2) { lines = lines.slice(0, 2); lines[1] = lines[1].slice(0, chars - 1).replace(/\s+$/, "") + "…"; }
    var texts = $$(band, "text.sd-caption-text");
    while (texts.length < lines.length) {
      var copy = texts[0].cloneNode(false);
      band.appendChild(copy);
      texts.push(copy);
    }
    var firstY = +rect.getAttribute("y") + (+rect.getAttribute("height")) / 2 + 15 * 0.35 - (lines.length - 1) * 9.5;
    texts.forEach(function (t, i) {
      t.textContent = lines[i] || "";
      t.setAttribute("y", (firstY + i * 19).toFixed(2));
    });
  }

  // Each cell names its column, so narrow screens can show rows as labelled cards.
  function labelCells(table) {
    var names = $$(table, "thead th").map(function (th) { return th.textContent; });
    table.classList.add("sd-stack");
    $$(table, "tbody tr").forEach(function (tr) {
      Array.prototype.forEach.call(tr.cells, function (td, i) { if (names[i]) td.setAttribute("data-label", names[i]); });
    });
  }

  /* ---- linked views ---- */
  Lesson.prototype.initLinks = function () {
    var self = this, root = this.root;
    labelCells($(root, "table.sd-execution"));
    $$(root, "table.sd-execution tr[data-step]").forEach(function (tr) {
      var open = function () { navigate("#step-" + tr.getAttribute("data-step")); };
      tr.addEventListener("click", function (ev) { if (!ev.target.closest("a")) open(); });
      tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter" && ev.target === tr) open(); });
    });
    // sequence messages (-sq-m<step>-<n>), notes (-sq-n<step>) and side-by-side boxes (-ln-st<step>[-l<lane>])
    // open the player; they become links, so the picture is no longer a plain image
    var sequence = $$(root, "svg g[id]").filter(function (g) { return messageStep(g) !== null; });
    sequence.forEach(function (g) { g.closest("svg").setAttribute("role", "group"); });
    sequence.forEach(function (g) {
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "link");
      g.classList.add("sd-link");
      // the name starts with the words on screen, so speech input can target it
      var words = $$(g, "text").map(function (t) { return t.textContent.trim(); }).join(" ");
      g.setAttribute("aria-label", (words ? words + ": " : "") + "open step " + messageStep(g) + " in the player");
      var open = function () { navigate("#step-" + messageStep(g)); };
      g.addEventListener("click", open);
      g.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); open(); } });
    });
    // the tracker and key moments get a copy of the overview, so a highlighted component is in view
    var overview = $(root, "svg.sd-diagram[aria-labelledby^='sd-" + this.data.lesson + "-ov-']");
    [["tracker", "tr"], ["moments", "km"]].forEach(function (pair) {
      var panel = $(root, "section.sd-panel[data-mode='" + pair[0] + "']");
      if (!overview || !panel || !$(panel, "[data-component]")) return;
      var copy = overview.cloneNode(true), figure = el("figure", "sd-figure sd-scroll sd-minimap");
      var swap = function (v) { return v.split("-ov-").join("-" + pair[1] + "-"); };
      $$(copy, "[id]").forEach(function (e) { e.id = swap(e.id); });
      copy.setAttribute("aria-labelledby", swap(copy.getAttribute("aria-labelledby")));
      figure.appendChild(copy);
      figure.appendChild(el("figcaption", null, "Point at or focus a component below to find it in the diagram."));
      panel.insertBefore(figure, $(panel, "h2").nextSibling);
    });
    // components: hover or focus highlights the node in every diagram and the tracker row
    var nodes = {};
    this.data.components.forEach(function (c) { nodes[c.id] = c.node; });
    this.labels = {};
    this.data.components.forEach(function (c) { self.labels[c.id] = c.label; });
    $$(root, ".sd-tracker tr[data-component] > th, .sd-state-list li[data-component], .sd-component-ref").forEach(function (e) {
      var host = e.closest("[data-component]");
      if (!host) return;
      var id = host.getAttribute("data-component");
      if (!e.hasAttribute("tabindex")) e.tabIndex = 0;
      var on = function () { self.hover(id, nodes[id], true); };
      var off = function () { self.hover(id, nodes[id], false); };
      e.addEventListener("mouseenter", on); e.addEventListener("focus", on);
      e.addEventListener("mouseleave", off); e.addEventListener("blur", off);
    });
  };
  function messageStep(g) {
    var m = /-(?:sq-m|sq-n|ln-st)(\d+)(?:-l?\d+)?$/.exec(g.id || "");
    return m ? parseInt(m[1], 10) : null;
  }
  Lesson.prototype.hover = function (id, node, on) {
    var pattern = new RegExp("^sd-" + this.data.lesson.replace(/[^a-z0-9-]/g, "") + "-[a-z]{2}-" + node + "$");
    var label = this.labels[id];
    $$(this.root, "svg g[id]").forEach(function (g) {
      var title = g.classList.contains("sd-head") && $(g, "title"); // sequence lifeline heads carry the label
      if (pattern.test(g.id) || (title && title.textContent === label)) g.classList.toggle("sd-hover", on);
    });
    $$(this.root, "[data-component='" + id + "']").forEach(function (e) {
      if (e.matches(".sd-tracker tr, .sd-state-list li, .sd-component-ref")) e.classList.toggle("sd-hover", on);
    });
  };

  /* ---- quiz ---- */
  function Quiz(root, data) {
    var self = this;
    this.root = root;
    this.key = "stepdeck:quiz:" + data.lesson;
    this.items = data.quiz;
    this.forms = $$(root, "form.sd-question");
    this.score = $(root, ".sd-score");
    var saved = this.load();
    this.forms.forEach(function (form, i) {
      var q = self.items[i];
      form.addEventListener("submit", function (ev) { ev.preventDefault(); self.check(form, q, true); });
      $(form, ".sd-show-answer").addEventListener("click", function () { self.reveal(form, q, true); });
      $(form, ".sd-reset-q").addEventListener("click", function () { self.reset(form, q); self.save(q, null); });
      var state = saved[q.index];
      if (state && state.choice) {
        var radio = $(form, "input[value='" + state.choice + "']");
        if (radio) { radio.checked = true; self.check(form, q, false); }
      }
      if (state && state.revealed) self.reveal(form, q, false);
    });
    var clear = $(root, ".sd-clear-progress");
    if (clear) clear.addEventListener("click", function () {
      try { localStorage.removeItem(self.key); } catch (e) { /* storage may be disabled */ }
      self.forms.forEach(function (form, i) { self.reset(form, self.items[i]); });
      self.updateScore("Saved progress cleared.");
    });
    this.updateScore();
  }
  Quiz.prototype.load = function () {
    try { return JSON.parse(localStorage.getItem(this.key) || "{}") || {}; } catch (e) { return {}; }
  };
  Quiz.prototype.save = function (q, state) {
    var all = this.load();
    if (state) all[q.index] = state; else delete all[q.index];
    try { localStorage.setItem(this.key, JSON.stringify(all)); } catch (e) { /* private mode: progress is not kept */ }
    this.updateScore();
  };
  Quiz.prototype.updateScore = function (extra) {
    if (!this.score) return;
    var all = this.load(), right = 0, self = this;
    this.items.forEach(function (q) { if (all[q.index] && all[q.index].choice === q.answer) right += 1; });
    this.score.textContent = "Score: " + right + " of " + this.items.length + "." + (extra ? " " + extra : "");
  };
  Quiz.prototype.clearMarks = function (form) {
    $$(form, ".sd-option").forEach(function (o) {
      o.classList.remove("sd-right", "sd-wrong");
      var mark = $(o, ".sd-mark");
      if (mark) mark.remove();
    });
  };
  function mark(option, right) {
    option.classList.add(right ? "sd-right" : "sd-wrong");
    option.appendChild(el("span", "sd-mark", right ? "✓ correct" : "✗ not this one"));
  }
  Quiz.prototype.check = function (form, q, store) {
    var chosen = $(form, "input[type=radio]:checked"), feedback = $(form, ".sd-feedback");
    this.clearMarks(form);
    feedback.replaceChildren();
    feedback.className = "sd-feedback";
    if (!chosen) { feedback.textContent = "Choose an option first."; return; }
    var letter = chosen.value, right = letter === q.answer, reason = q.reasons[letter];
    mark(chosen.closest(".sd-option"), right);
    feedback.classList.add(right ? "sd-right" : "sd-wrong");
    feedback.appendChild(el("strong", null, right ? "Correct." : "Not quite: " + letter + " is not the answer."));
    if (reason) feedback.appendChild(document.createTextNode(" " + reason));
    if (!right && q.steps.length) {
      feedback.appendChild(document.createTextNode(" See "));
      q.steps.forEach(function (n, i) {
        var a = el("a", "sd-step-link", "step " + n);
        a.href = "#step-" + n;
        if (i) feedback.appendChild(document.createTextNode(", "));
        feedback.appendChild(a);
      });
      feedback.appendChild(document.createTextNode("."));
    }
    if (store) this.save(q, { choice: letter, revealed: !!(this.load()[q.index] || {}).revealed });
  };
  Quiz.prototype.reveal = function (form, q, store) {
    $(form, "details.sd-answer").open = true;
    var option = $(form, ".sd-option[data-letter='" + q.answer + "']");
    if (option && !option.classList.contains("sd-right")) mark(option, true);
    if (store) {
      var state = this.load()[q.index] || {};
      state.revealed = true;
      this.save(q, state);
      var feedback = $(form, ".sd-feedback");
      if (!feedback.textContent) feedback.textContent = "The answer is " + q.answer + ".";
    }
  };
  Quiz.prototype.reset = function (form) {
    form.reset();
    this.clearMarks(form);
    var feedback = $(form, ".sd-feedback");
    feedback.replaceChildren();
    feedback.className = "sd-feedback";
    $$(form, "details").forEach(function (d) { d.open = false; });
  };

  /* ---- global wiring: listeners once, widgets on every page ---- */
  function keydown(ev) {
    if (!current || current.mode !== "steps" || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var t = ev.target;
    if (t && t.closest && (t.closest("input, select, textarea, [contenteditable], .sd-panel[data-mode=quiz], form, [role=tablist]") ||
                           !t.closest(".sd-lesson") && t !== document.body && t !== document.documentElement)) return;
    var map = { ArrowLeft: "prev", ArrowRight: "next", Home: "first", End: "last" };
    if (!map[ev.key]) return;
    ev.preventDefault();
    current.action(map[ev.key]);
  }
  // Material's instant navigation re-creates inline scripts without their attributes, so the data
  // script may have lost its class; it is then the lesson's own last <script> child.
  function dataScript(root) {
    return root.querySelector("script.sd-data") || root.querySelector(":scope > script:last-of-type");
  }
  // Our fragments are views, not anchors. Material's instant navigation intercepts same-page links
  // (pushState without hashchange) and re-fetches the page on its first popstate, so in-page
  // navigation is done here with pushState, which neither fires.
  function navigate(hash) {
    if (location.hash !== hash) history.pushState(null, "", hash);
    if (current) current.applyHash(hash, true);
  }
  function click(ev) {
    if (!current || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    var a = ev.target.closest && ev.target.closest("a[href]");
    if (!a || a.target) return;
    // Material rewrites links of pages it fetched to absolute URLs: compare the page, then the fragment
    var url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname !== location.pathname || !parseHash(url.hash)) return;
    ev.preventDefault();
    ev.stopPropagation();
    navigate(url.hash);
  }
  function start() {
    if (current) current.pause();
    current = null;
    var root = document.querySelector(".sd-lesson");
    if (root && dataScript(root)) current = new Lesson(root);
  }
  if (!window.__stepdeckBound) {
    window.__stepdeckBound = true;
    document.addEventListener("keydown", keydown);
    document.addEventListener("click", click, true);
    window.addEventListener("hashchange", function () { if (current) current.applyHash(location.hash, true); });
    window.addEventListener("popstate", function () { if (current) current.applyHash(location.hash, false); });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  window.StepDeck = { parseHash: parseHash, modes: MODES };
})();

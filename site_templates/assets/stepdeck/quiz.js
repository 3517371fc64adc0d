/* The quiz: check, show answer, reset, clear progress, and a score kept in localStorage under
   stepdeck:quiz:<lesson> as {<question index>: {choice, revealed}}. Storage may be disabled
   (private mode, policies): then the quiz still works, it just forgets. */
import { $, $$, el, byAttr } from "./dom.js";

export function storageKey(lesson) {
  return "stepdeck:quiz:" + lesson;
}

// How many questions the saved progress answers right.
export function score(items, saved) {
  const all = saved || {};
  return items.filter((q) => all[q.index] && all[q.index].choice === q.answer).length;
}

function mark(option, right) {
  option.classList.add(right ? "sd-right" : "sd-wrong");
  option.appendChild(el("span", "sd-mark", right ? "✓ correct" : "✗ not this one"));
}

export class Quiz {
  // stepHref(n) is the fragment of player step n, for the "See step N" links
  constructor(root, data, stepHref) {
    this.key = storageKey(data.lesson);
    this.items = data.quiz || [];
    this.stepHref = stepHref;
    this.forms = $$(root, "form.sd-question");
    this.scoreText = $(root, ".sd-score");
    const saved = this.load();
    this.forms.forEach((form, i) => {
      const q = this.items[i];
      if (!q) return;
      form.addEventListener("submit", (ev) => { ev.preventDefault(); this.check(form, q, true); });
      $(form, ".sd-show-answer").addEventListener("click", () => this.reveal(form, q, true));
      $(form, ".sd-reset-q").addEventListener("click", () => { this.reset(form); this.save(q, null); });
      const state = saved[q.index];
      if (state && state.choice) {
        const radio = byAttr($$(form, "input[type=radio]"), "value", state.choice)[0];
        if (radio) { radio.checked = true; this.check(form, q, false); }
      }
      if (state && state.revealed) this.reveal(form, q, false);
    });
    const clear = $(root, ".sd-clear-progress");
    if (clear) clear.addEventListener("click", () => {
      try { localStorage.removeItem(this.key); } catch (e) { /* storage may be disabled */ }
      this.forms.forEach((form) => this.reset(form));
      this.updateScore("Saved progress cleared.");
    });
    this.updateScore();
  }

  load() {
    try { return JSON.parse(localStorage.getItem(this.key) || "{}") || {}; } catch (e) { return {}; }
  }

  save(q, state) {
    const all = this.load();
    if (state) all[q.index] = state; else delete all[q.index];
    try { localStorage.setItem(this.key, JSON.stringify(all)); } catch (e) { /* private mode: progress is not kept */ }
    this.updateScore();
  }

  updateScore(extra) {
    if (!this.scoreText) return;
    this.scoreText.textContent = "Score: " + score(this.items, this.load()) + " of " + this.items.length + "." +
      (extra ? " " + extra : "");
  }

  clearMarks(form) {
    $$(form, ".sd-option").forEach((o) => {
      o.classList.remove("sd-right", "sd-wrong");
      const m = $(o, ".sd-mark");
      if (m) m.remove();
    });
  }

  check(form, q, store) {
    const chosen = $(form, "input[type=radio]:checked"), feedback = $(form, ".sd-feedback");
    this.clearMarks(form);
    feedback.replaceChildren();
    feedback.className = "sd-feedback";
    if (!chosen) { feedback.textContent = "Choose an option first."; return; }
    const letter = chosen.value, right = letter === q.answer, reason = (q.reasons || {})[letter];
    mark(chosen.closest(".sd-option"), right);
    feedback.classList.add(right ? "sd-right" : "sd-wrong");
    feedback.appendChild(el("strong", null, right ? "Correct." : "Not quite: " + letter + " is not the answer."));
    if (reason) feedback.append(" " + reason);
    const steps = q.steps || [];
    if (!right && steps.length) {
      feedback.append(" See ");
      steps.forEach((n, i) => {
        const a = el("a", "sd-step-link", "step " + n);
        a.href = this.stepHref(n);
        if (i) feedback.append(", ");
        feedback.appendChild(a);
      });
      feedback.append(".");
    }
    if (store) this.save(q, { choice: letter, revealed: !!(this.load()[q.index] || {}).revealed });
  }

  reveal(form, q, store) {
    $(form, "details.sd-answer").open = true;
    const option = byAttr($$(form, ".sd-option"), "data-letter", q.answer)[0];
    if (option && !option.classList.contains("sd-right")) mark(option, true);
    if (!store) return;
    const state = this.load()[q.index] || {};
    state.revealed = true;
    this.save(q, state);
    const feedback = $(form, ".sd-feedback");
    if (!feedback.textContent) feedback.textContent = "The answer is " + q.answer + ".";
  }

  reset(form) {
    form.reset();
    this.clearMarks(form);
    const feedback = $(form, ".sd-feedback");
    feedback.replaceChildren();
    feedback.className = "sd-feedback";
    $$(form, "details").forEach((d) => { d.open = false; });
  }
}

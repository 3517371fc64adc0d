/* The catalog's filter: category, tag and words. The form and each card's data-category / data-tags come
   from the page (render.views.CatalogFilter, cards.html); this only hides the cards that do not match and
   keeps the choice in the address (?category=…&tag=…&words=…, replaced, not pushed, while typing), so a reload
   or Back shows the same list. The form's controls stay where they are: only the cards below change. */
import { $, $$ } from "./dom.js";

// not "q": Material opens its search box for an address with ?q=
export const FILTER_KEYS = ["category", "tag", "words"];

// The filter an address asks for; unknown keys are ignored.
export function readFilter(search) {
  const params = new URLSearchParams(search);
  const filter = {};
  FILTER_KEYS.forEach((key) => { filter[key] = (params.get(key) || "").trim(); });
  return filter;
}

// The query string for a filter: only the keys that are set, in a fixed order.
export function filterSearch(filter) {
  const params = new URLSearchParams();
  FILTER_KEYS.forEach((key) => { if (filter[key]) params.set(key, filter[key]); });
  const text = params.toString();
  return text ? "?" + text : "";
}

// card: {category, tags (list), text (lowercase)}; every word of the filter's words, in any case, must occur
export function matches(card, filter) {
  const words = (filter.words || "").toLowerCase().split(/\s+/).filter(Boolean);
  return (!filter.category || card.category === filter.category) &&
    (!filter.tag || card.tags.includes(filter.tag)) && words.every((word) => card.text.includes(word));
}

export function countText(shown, total) {
  return shown === total ? `${total} lessons` : `${shown} of ${total} lessons`;
}

export class Catalog {
  constructor(root) {
    this.form = $(root, "form.sd-filter");
    this.count = $(root, ".sd-filter-count");
    this.empty = $(root, ".sd-filter-empty");
    this.cards = $$(root, "li.sd-lesson-card").map((li) => ({
      li, category: li.getAttribute("data-category") || "",
      tags: (li.getAttribute("data-tags") || "").split(" ").filter(Boolean),
      text: li.textContent.toLowerCase(),
    }));
    this.total = this.cards.length;
    this.form.addEventListener("submit", (ev) => ev.preventDefault()); // Enter in the words field
    this.form.addEventListener("input", () => this.changed());
    this.form.addEventListener("change", () => this.changed());
    this.show(readFilter(location.search));
  }

  // The form as the address's filter says (options that do not exist fall back to "All").
  show(filter) {
    FILTER_KEYS.forEach((key) => {
      const field = this.form.elements[key];
      if (field) field.value = filter[key];
      if (field && field.value !== filter[key]) { field.value = ""; filter[key] = ""; }
    });
    this.apply(filter);
  }

  changed() {
    const filter = {};
    FILTER_KEYS.forEach((key) => { filter[key] = (this.form.elements[key].value || "").trim(); });
    history.replaceState(history.state, "", location.pathname + filterSearch(filter) + location.hash);
    this.apply(filter);
  }

  apply(filter) {
    let shown = 0;
    this.cards.forEach((card) => {
      const on = matches(card, filter);
      card.li.hidden = !on;
      if (on) shown += 1;
    });
    this.count.textContent = countText(shown, this.total);
    if (this.empty) this.empty.hidden = shown > 0;
  }
}

// Called on every page Material shows; only a catalog with its filter form gets one.
export function initCatalog(doc) {
  const root = doc.querySelector(".sd-catalog");
  return root && $(root, "form.sd-filter") ? new Catalog(root) : null;
}

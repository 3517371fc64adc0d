/* Tiny DOM helpers shared by the modules. Author text goes in through textContent only. */

export function $(root, sel) {
  return root.querySelector(sel);
}

export function $$(root, sel) {
  return Array.from(root.querySelectorAll(sel));
}

export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

// Elements are found by comparing attribute values, never by building a selector from data:
// no escaping to get wrong, and a stored or authored value cannot break the query.
export function byAttr(elements, name, value) {
  const v = String(value);
  return elements.filter((e) => e.getAttribute(name) === v);
}

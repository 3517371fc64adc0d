import { test } from "node:test";
import assert from "node:assert/strict";

const { readFilter, filterSearch, matches, countText } = await import(
  new URL("../../site_templates/assets/stepdeck/catalog.js", import.meta.url));

test("the address and the filter say the same, in a fixed order, without empty keys", () => {
  const filter = readFilter("?words=%20Quic%20&tag=tls&other=1");
  assert.deepEqual(filter, { category: "", tag: "tls", words: "Quic" });
  assert.equal(filterSearch(filter), "?tag=tls&words=Quic");
  assert.equal(filterSearch({ category: "", tag: "", words: "" }), "");
  assert.equal(filterSearch({ category: "security", tag: "", words: "two words" }), "?category=security&words=two+words");
});

test("a card matches its category, one of its tags and every word in any case", () => {
  const card = { category: "networking", tags: ["tcp", "quic"], text: "tcp three-way handshake vs quic" };
  assert.ok(matches(card, { category: "", tag: "", words: "" }));
  assert.ok(matches(card, { category: "networking", tag: "quic", words: "HANDSHAKE  tcp" }));
  assert.ok(!matches(card, { category: "security", tag: "", words: "" }));
  assert.ok(!matches(card, { category: "", tag: "tls", words: "" }));
  assert.ok(!matches(card, { category: "", tag: "", words: "handshake udp" }));
  assert.ok(!matches(card, { category: "", tag: "qui", words: "" })); // a tag is compared whole
});

test("the count says how many of how many", () => {
  assert.equal(countText(5, 5), "5 lessons");
  assert.equal(countText(1, 1000), "1 of 1000 lessons");
});

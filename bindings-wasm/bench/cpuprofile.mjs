#!/usr/bin/env node
// Summarises a `.cpuprofile` from `node --cpu-prof`: the functions with the most self time, and
// the inclusive time of functions whose name matches a pattern.
//   node bindings-wasm/bench/cpuprofile.mjs FILE [--top N] [--incl REGEX]...
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const file = args.shift();
let top = 40;
const incl = [];
while (args.length) {
  const a = args.shift();
  if (a === "--top") top = Number(args.shift());
  else if (a === "--incl") incl.push(new RegExp(args.shift()));
}
const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const hits = new Map();
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
const total = profile.samples.length;
const name = (n) => n.callFrame.functionName || `(anonymous ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber})`;
const self = new Map();
const inclusive = new Map();
for (const [id, count] of hits) {
  const node = byId.get(id);
  self.set(name(node), (self.get(name(node)) ?? 0) + count);
  // Inclusive: every distinct name on the stack once.
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const n = name(byId.get(at));
    if (!seen.has(n)) {
      seen.add(n);
      inclusive.set(n, (inclusive.get(n) ?? 0) + count);
    }
  }
}
const pct = (c) => `${((100 * c) / total).toFixed(1).padStart(5)}%`;
console.log(`${total} samples`);
console.log(`\nself time, top ${top}:`);
for (const [n, c] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(c)}  ${n}`);
if (incl.length) {
  console.log("\ninclusive time:");
  for (const [n, c] of [...inclusive].filter(([n]) => incl.some((r) => r.test(n))).sort((a, b) => b[1] - a[1])) {
    console.log(`${pct(c)}  ${n}`);
  }
}

#!/usr/bin/env node
// The import graph of src/: no circles, and no import from a lower layer to a higher one.
//
//   model → rules, protocol → engine → transport → client → persist → elements → react, widget
//
// Every `import … from`, `import '…'`, `export … from` and `import('…')` of src/**/*.ts counts,
// type-only ones too: a lazy `import()` one way and an `import type` back is still a circle for a
// reader (each file needs the other to be understood) and for the declaration bundle.
// Inside src/elements/, an element's folder may use `shared/` and `events/`, and another element
// only through that element's entry (`<name>/<name>.ts`, which composes it) or its strings
// (`<name>/<name>.strings.ts`); never another element's inner modules.
// Prints the graph's size, then each circle and each violation; exits 1 when there is any.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** Layer of each top-level part of src/ (a file directly in src/ is named by its basename). */
export const LAYERS = {
  model: 0,
  rules: 1, protocol: 1,
  engine: 2,
  transport: 3,
  client: 4, 'index.ts': 4,
  persist: 5,
  elements: 6,
  react: 7, widget: 7,
};

/**
 * The one circle still allowed, until the engine is split (issue 14): the engine hands its desks a
 * kernel whose type names each desk, and two desks read engine.ts's types. A circle passes only if
 * every file of it is listed here; a new file joining it, or any other circle, fails.
 */
export const KNOWN_CIRCLE = new Set([
  'engine/after-message.ts', 'engine/block-desk.ts', 'engine/care-desk.ts', 'engine/customer-desk.ts',
  'engine/engine-state.ts', 'engine/engine.ts', 'engine/message-reads.ts', 'engine/presence-desk.ts',
  'engine/records.ts', 'engine/routing-desk.ts', 'engine/tribute-desk.ts',
]);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Source without comments (strings kept: module specifiers are strings). */
function stripComments(text) {
  let out = '';
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === '/' && text[i + 1] === '*') { const end = text.indexOf('*/', i + 2); i = end < 0 ? text.length : end + 2; continue; }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1); i = j + 1; continue;
    }
    out += c; i++;
  }
  return out;
}

/** The relative imports of one file: { spec, typeOnly, lazy }. */
export function importsOf(text) {
  const code = stripComments(text);
  const found = [];
  const statement = /(?:^|[;\n}])\s*(import|export)\s+(type\s+)?([^;'"`]*?)\s*(?:from\s*)?(['"])([^'"]+)\4/g;
  for (const m of code.matchAll(statement)) {
    const [, kind, typeKw, clause] = m;
    if (kind === 'export' && !/\bfrom\s*$/.test(m[0].slice(0, m[0].length - m[5].length - 2)) && !/^\*|^\{/.test(clause)) continue;
    // `import { type A, type B } from` is type-only too
    const named = /^\{([^}]*)\}$/.exec(clause.trim());
    const allTypes = named && named[1].split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '));
    found.push({ spec: m[5], typeOnly: Boolean(typeKw) || Boolean(allTypes), lazy: false });
  }
  for (const m of code.matchAll(/\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g)) found.push({ spec: m[2], typeOnly: false, lazy: true });
  // `typeof import('…')` in a type position
  return found.filter((i) => i.spec.startsWith('.'));
}

function resolveSpec(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')]) {
    try { if (statSync(candidate).isFile()) return candidate; } catch { /* next */ }
  }
  return undefined;
}

const rel = (file) => relative(src, file).split(sep).join('/');
const part = (path) => path.split("/")[0];

export function graph() {
  const files = walk(src);
  const edges = new Map();
  const unresolved = [];
  for (const file of files) {
    const list = [];
    for (const imp of importsOf(readFileSync(file, 'utf8'))) {
      const to = resolveSpec(file, imp.spec);
      if (to === undefined) { unresolved.push(`${rel(file)} → ${imp.spec}`); continue; }
      if (to.startsWith(src + sep)) list.push({ ...imp, to: rel(to) });
    }
    edges.set(rel(file), list);
  }
  return { edges, unresolved };
}

/** Strongly connected components with more than one file (or a self-import). */
export function cycles(edges) {
  let index = 0;
  const idx = new Map(), low = new Map(), onStack = new Set(), stack = [], out = [];
  const visit = (v) => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); onStack.add(v);
    for (const { to } of edges.get(v) ?? []) {
      if (!idx.has(to)) { visit(to); low.set(v, Math.min(low.get(v), low.get(to))); }
      else if (onStack.has(to)) low.set(v, Math.min(low.get(v), idx.get(to)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do { w = stack.pop(); onStack.delete(w); scc.push(w); } while (w !== v);
      if (scc.length > 1 || (edges.get(v) ?? []).some((e) => e.to === v)) out.push(scc.sort());
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const ELEMENT_COMMON = new Set(['shared', 'events']);

export function violations(edges) {
  const out = [];
  for (const [from, list] of edges) {
    for (const { to, typeOnly, lazy } of list) {
      const how = typeOnly ? 'import type' : lazy ? 'import()' : 'import';
      const a = part(from), b = part(to);
      if (!(a in LAYERS) || !(b in LAYERS)) { out.push(`${from} → ${to}: ${a in LAYERS ? b : a} has no layer in scripts/import-graph.mjs`); continue; }
      if (LAYERS[b] > LAYERS[a]) out.push(`${from} → ${to} (${how}): ${a} must not import ${b}, a higher layer`);
      if (a === 'elements' && b === 'elements') {
        const [, fe] = from.split('/'), [, te, ...rest] = to.split('/');
        if (fe === te || from === 'elements/index.ts' || ELEMENT_COMMON.has(te) || rest.length !== 1) continue;
        const file = rest[0];
        if (file === `${te}.ts` || file === `${te}.strings.ts`) continue;
        if (ELEMENT_COMMON.has(fe)) out.push(`${from} → ${to} (${how}): shared parts must not import an element`);
        else out.push(`${from} → ${to} (${how}): ${fe} reaches inside ${te}; use ${te}/${te}.ts, ${te}/${te}.strings.ts or move the part to elements/shared/`);
      }
    }
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { edges, unresolved } = graph();
  const all = cycles(edges);
  const known = all.filter((c) => c.every((file) => KNOWN_CIRCLE.has(file)));
  const circles = all.filter((c) => !known.includes(c));
  const wrong = violations(edges);
  const count = [...edges.values()].reduce((n, l) => n + l.length, 0);
  console.log(`import graph: ${edges.size} files, ${count} imports in src/`);
  for (const u of unresolved) console.log(`unresolved: ${u}`);
  for (const c of known) console.log(`known circle (until the engine is split): ${c.join(' ↔ ')}`);
  for (const c of circles) console.log(`circle: ${c.join(' ↔ ')}`);
  for (const w of wrong) console.log(`backward: ${w}`);
  const problems = unresolved.length + circles.length + wrong.length;
  console.log(problems ? `${circles.length} circle(s), ${wrong.length} layer violation(s), ${unresolved.length} unresolved` : 'no circles, no backward imports');
  process.exit(problems ? 1 : 0);
}

#!/usr/bin/env node
// docs/rules.md stays true: every rule id cited in the code and tests (P12, K3, D4…; the families
// R C P T K D M E) has a row there, and every path a row names exists. Prints what is missing;
// exits 1 when anything is.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CITING = ['src', 'server/src', 'server/bin', 'test', 'test-node', 'test-journeys', 'test-package'];
/** An id: a family letter and a number, not followed by another number (SVG path data: `M4 5h16`). */
const ID = /\b([RCPTKDME][0-9]{1,2})\b(?!\s*[0-9.])/g;

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(?:[cm]?[jt]s|tsx)$/.test(name)) out.push(path);
  }
  return out;
}

/** Each cited id and the first files citing it. */
export function citedIds(dirs = CITING) {
  const cited = new Map();
  for (const file of dirs.flatMap((dir) => walk(join(root, dir)))) {
    for (const [, id] of readFileSync(file, 'utf8').matchAll(ID)) {
      const files = cited.get(id) ?? cited.set(id, new Set()).get(id);
      files.add(relative(root, file).split(sep).join('/'));
    }
  }
  return cited;
}

/** The ids docs/rules.md defines (a table row starting with one) and the paths it names. */
export function documented(text = existsSync(join(root, 'docs/rules.md')) ? readFileSync(join(root, 'docs/rules.md'), 'utf8') : '') {
  const ids = new Set([...text.matchAll(/^\| ([A-Z][0-9]{1,2}) \|/gm)].map((m) => m[1]));
  const paths = new Set([...text.matchAll(/`([\w./-]+\/[\w.-]+\.(?:ts|mjs|md))`/g)].map((m) => m[1]));
  return { ids, paths };
}

export function problems() {
  const { ids, paths } = documented();
  const out = [];
  for (const [id, files] of [...citedIds()].sort()) {
    if (!ids.has(id)) out.push(`${id} is cited (${[...files].slice(0, 3).join(', ')}) but has no row in docs/rules.md`);
  }
  for (const path of paths) if (!existsSync(join(root, path))) out.push(`docs/rules.md names ${path}, which does not exist`);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const found = problems();
  for (const p of found) console.log(p);
  console.log(found.length ? `${found.length} problem(s) in docs/rules.md` : `docs/rules.md: ${citedIds().size} cited ids, all defined; every path exists`);
  process.exit(found.length ? 1 : 0);
}

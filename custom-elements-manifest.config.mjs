// custom-elements.json, written by `npm run build` (and `npm run docs`): `cem analyze` reads the
// element classes and their JSDoc (@csspart, @cssprop, @event, @slot). Two things it cannot see
// here are added by the plugin below: the tags, which the define files register through
// `define(tag, Class)` rather than `customElements.define`, and which `static properties` are
// private state (`state: true`) rather than attributes. Events are named by the JSDoc alone.
import { readdirSync, readFileSync, existsSync } from 'node:fs';

/** Every `define('volley-x', VolleyX)` in src/elements/<name>/<name>.ts: tag, class, file. */
export function definedTags(root = 'src/elements') {
  const found = [];
  for (const name of readdirSync(root)) {
    const file = `${root}/${name}/${name}.ts`;
    if (!existsSync(file)) continue;
    for (const [, tag, className] of readFileSync(file, 'utf8').matchAll(/\bdefine\('([a-z][\w-]*)',\s*(\w+)\)/g)) {
      found.push({ tag, className, name, file });
    }
  }
  return found;
}

function volleyElements() {
  const tags = definedTags();
  /** Class name → names of its `state: true` properties. */
  const states = new Map();
  return {
    name: 'volley-elements',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const properties = node.members.find((member) => ts.isPropertyDeclaration(member) && member.name.getText() === 'properties'
        && member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword));
      const literal = properties?.initializer;
      if (!literal || !ts.isObjectLiteralExpression(literal)) return;
      const names = literal.properties
        .filter((p) => ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.initializer)
          && p.initializer.properties.some((o) => ts.isPropertyAssignment(o) && o.name.getText() === 'state' && o.initializer.kind === ts.SyntaxKind.TrueKeyword))
        .map((p) => p.name.getText());
      states.set(node.name.getText(), new Set(names));
    },
    packageLinkPhase({ customElementsManifest }) {
      const byClass = new Map(tags.map((entry) => [entry.className, entry]));
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind !== 'class') continue;
          const isState = (member) => states.get(member.inheritedFrom?.name ?? declaration.name)?.has(member.fieldName ?? member.name);
          if (declaration.attributes) declaration.attributes = declaration.attributes.filter((attribute) => !isState(attribute));
          for (const member of declaration.members ?? []) {
            if (isState(member)) {
              member.privacy = 'private';
              delete member.attribute;
              delete member.reflects;
            }
          }
          // The analyzer also guesses events from `dispatchEvent(new X(…))`, without their names: the
          // JSDoc @event lines name them all.
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.name?.startsWith('volley-'));
          const entry = byClass.get(declaration.name);
          if (entry) {
            declaration.tagName = entry.tag;
            declaration.customElement = true;
            entry.module = module.path;
          } else {
            // A base class (VolleyElement), not an element of its own.
            delete declaration.customElement;
          }
        }
      }
      // The files that define the tags, as a host imports them.
      for (const { tag, className, name, module } of tags) {
        if (!module) throw new Error(`custom-elements.json: no class ${className} for <${tag}> among the analyzed files.`);
        const declaration = { name: className, module };
        customElementsManifest.modules.push({
          kind: 'javascript-module',
          path: `dist/elements/${name}.js`,
          declarations: [],
          exports: [{ kind: 'js', name: className, declaration }, { kind: 'custom-element-definition', name: tag, declaration }],
        });
      }
    },
  };
}

export default {
  globs: ['src/elements/*/*.component.ts', 'src/elements/shared/volley-element.ts', 'src/elements/shared/command-element.ts'],
  outdir: '.',
  litelement: true,
  // package.json names the manifest once ("customElements"); the analyzer leaves it alone.
  packagejson: false,
  plugins: [volleyElements()],
};

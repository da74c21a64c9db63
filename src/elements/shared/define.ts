/**
 * Defines a tag only if the page has not already: safe when Volley is loaded twice. Only where
 * there is a document (a browser, or a DOM such as jsdom): imported on a server (Node, SSR) an
 * element file defines nothing and touches no DOM global. (Lit's own Node build installs a
 * `customElements` shim of its own there; Volley leaves it empty.)
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (typeof document === 'undefined') return;
  if (!customElements.get(tag)) customElements.define(tag, element);
}

/** Defines a tag only if the page has not already: safe when Volley is loaded twice. */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

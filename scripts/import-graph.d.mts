export interface Import { spec: string; typeOnly: boolean; lazy: boolean }
export interface Edge extends Import { to: string }
export const LAYERS: Record<string, number>;
export const KNOWN_CIRCLE: Set<string>;
/** The relative imports of one file's text. */
export function importsOf(text: string): Import[];
/** The import graph of src/, by path relative to src/. */
export function graph(): { edges: Map<string, Edge[]>; unresolved: string[] };
/** Each circle (a strongly connected component of more than one file, or a self-import). */
export function cycles(edges: Map<string, { to: string }[]>): string[][];
/** Each import from a lower layer to a higher one, or into another element's inner modules. */
export function violations(edges: Map<string, Edge[]>): string[];

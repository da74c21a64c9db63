/**
 * A small validator for command frames: each field has a check that returns an error text or
 * null. Hand-written because the command set is small and a schema library would cost more bytes
 * than the whole protocol.
 */
export type Check = (value: unknown) => string | null;

export const str = (maxLength: number, minLength = 1): Check => (v) =>
  typeof v !== 'string' ? 'must be a string' : v.length < minLength ? 'must not be empty' : v.length > maxLength ? `must be at most ${maxLength} characters` : null;

export const int = (min: number, max: number): Check => (v) =>
  typeof v !== 'number' || !Number.isInteger(v) ? 'must be a whole number' : v < min || v > max ? `must be between ${min} and ${max}` : null;

export const bool: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');

export const oneOf = (...values: readonly unknown[]): Check => (v) => (values.includes(v) ? null : `must be one of ${values.join(', ')}`);

export const optional = (check: Check): Check => (v) => (v === undefined ? null : check(v));

export type Shape = Record<string, Check>;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** An object with exactly these fields (unknown fields are refused: they would be silently lost). */
export const object = (shape: Shape): Check => (v) => {
  if (!isPlainObject(v)) return 'must be an object';
  for (const key of Object.keys(v)) if (!Object.hasOwn(shape, key)) return `has an unknown field "${key}"`;
  for (const [key, check] of Object.entries(shape)) {
    const problem = check(v[key]);
    if (problem) return `${key} ${problem}`;
  }
  return null;
};

/**
 * A union told apart by one field, as message drafts are by `kind`. `names` are every member's,
 * when `shapes` holds only some (a desk's commands bring their shapes when the desk loads).
 */
export const tagged = (tag: string, shapes: Record<string, Shape>, names = Object.keys(shapes)): Check => (v) => {
  if (!isPlainObject(v)) return 'must be an object';
  const name = v[tag];
  if (typeof name !== 'string' || !Object.hasOwn(shapes, name)) return `${tag} must be one of ${names.join(', ')}`;
  return object({ [tag]: oneOf(name), ...shapes[name] })(v);
};

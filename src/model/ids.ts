let counter = 0;

/**
 * A unique id for messages (the idempotency key), conversations and offers. Uses
 * crypto.randomUUID where the page is a secure context, and a counter plus randomness elsewhere.
 */
export function createId(prefix = ''): string {
  const cryptoApi = globalThis.crypto as Crypto | undefined;
  const random = typeof cryptoApi?.randomUUID === 'function'
    ? cryptoApi.randomUUID()
    : `${Date.now().toString(36)}-${(++counter).toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
  return prefix ? `${prefix}_${random}` : random;
}

/**
 * The object without its undefined fields, as the wire would deliver it: the object itself when it
 * has none, else a copy without them (a `delete` would turn it into a slow dictionary object,
 * and views and messages are made and serialized per recipient on the hot path).
 */
export function compact<T extends object>(value: T): T {
  for (const key in value) {
    if (value[key] !== undefined) continue;
    const copy = {} as T;
    for (const field in value) if (value[field] !== undefined) copy[field] = value[field];
    return copy;
  }
  return value;
}

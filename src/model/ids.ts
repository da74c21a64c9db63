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
 * A copy of the object without its undefined fields, as the wire would deliver it (a `delete`
 * would turn views and messages, made and serialized per recipient, into slow dictionary objects).
 */
export function compact<T extends object>(value: T): T {
  const copy = {} as T;
  for (const key in value) if (value[key] !== undefined) copy[key] = value[key];
  return copy;
}

/** Money and time for people, in the page's language unless told otherwise. */

// Building an Intl formatter costs far more than using one: one per kind and language, kept.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let made = formatters.get(key) as T | undefined;
  if (!made) formatters.set(key, (made = make()));
  return made;
}

export function formatMoney(cents: number, currency = 'USD', locale?: string): string {
  return formatter(`m${currency}${locale}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency })).format(cents / 100);
}

export function formatTime(at: number, locale?: string): string {
  return formatter(`t${locale}`, () => new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' })).format(at);
}

export function formatDay(at: number, locale?: string): string {
  return formatter(`d${locale}`, () => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })).format(at);
}

/** A size in bytes as people read it: "5 B", "12 KB", "1.5 MB". */
export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1_048_576 ? `${Math.round(bytes / 1024)} KB` : `${+(bytes / 1_048_576).toFixed(1)} MB`;
}

/** The calendar day of an instant in local time, for day separators. */
export function dayKey(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

/** Whole seconds left until `until`, never negative. */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

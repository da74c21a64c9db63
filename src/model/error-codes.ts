/** The codes of `ChatError` (see `errors.ts`), apart so that `error-texts.ts` can name them without importing what loads it. */
const codes = [
  'customer-must-initiate', 'provider-to-provider', 'blocked', 'chat-disabled', 'unanswered-limit', 'negative-review',
  'account-restricted', 'contact-info', 'attachment-type', 'attachment-too-large', 'offer-taken', 'offer-expired',
  'owned-by-other', 'payment-declined', 'not-enrolled', 'not-found', 'forbidden', 'invalid', 'too-long', 'rate-limited',
  'unavailable',
] as const;

export type ErrorCode = (typeof codes)[number];

export const ERROR_CODES = codes as readonly ErrorCode[] as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return (ERROR_CODES as unknown[]).includes(value);
}

/**
 * The text of `unavailable` is here rather than with the others: it is the refusal a page reads
 * when its server is gone, which is when the other texts cannot load.
 */
export const UNAVAILABLE_TEXT = 'The chat service cannot be reached.';

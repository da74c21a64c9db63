/**
 * Every refusal in Volley is a `ChatError` with a stable kebab-case code and a human message.
 * Codes are part of the public API: hosts switch on them, elements translate them. The human
 * texts live in `error-texts.ts` (ERROR_MESSAGES, exported by `volley-chat/rules`): they load on
 * the first refusal, and whatever rejects a caller waits for them (`withText`).
 */
import { UNAVAILABLE_TEXT, type ErrorCode } from './error-codes.js';
import { loadOnce } from './load-once.js';

export { ERROR_CODES, UNAVAILABLE_TEXT, isErrorCode, type ErrorCode } from './error-codes.js';

let texts: Record<ErrorCode, string> | undefined;

/**
 * Loads the human texts; a ChatError without a message of its own reads its code's text from then
 * on. A load that failed (the page's server is down) is tried again on the next refusal, and never
 * stands in for the refusal itself.
 */
const loadTexts = loadOnce(() => import('./error-texts.js').then((module) => (texts = module.ERROR_MESSAGES)));
const textsLoaded = async () => {
  try {
    await loadTexts();
  } catch {
    // Not now: the error reads its code (or, for `unavailable`, UNAVAILABLE_TEXT) until a later refusal loads them.
  }
};

export class ChatError extends Error {
  override readonly name = 'ChatError';
  readonly code: ErrorCode;

  /** Without `message`, the error reads its code's human text (the code itself until the texts have loaded). */
  constructor(code: ErrorCode, message?: string) {
    super(message);
    this.code = code;
    if (!texts) void textsLoaded();
  }

  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

// An own `message` only when one was given (as `Error` does); otherwise this reads the code's text.
Object.defineProperty(ChatError.prototype, 'message', {
  get(this: ChatError) {
    return texts?.[this.code] ?? (this.code === 'unavailable' ? UNAVAILABLE_TEXT : this.code);
  },
});

export function isChatError(value: unknown): value is ChatError {
  return value instanceof ChatError;
}

/** `error`, once a ChatError's human text is there (or could not load: it never rejects): `throw await withText(error)` where a refusal reaches a caller. */
export async function withText<E>(error: E): Promise<E> {
  if (isChatError(error)) await textsLoaded();
  return error;
}

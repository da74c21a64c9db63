/**
 * Every refusal in Volley is a `ChatError` with a stable kebab-case code and a human message.
 * Codes are part of the public API: hosts switch on them, elements translate them. These texts
 * are also the elements' default wording, so a page carries them once.
 */
export const ERROR_MESSAGES = {
  'customer-must-initiate': 'The customer has not written yet: you can reply once they do.',
  'provider-to-provider': 'Providers cannot chat with each other.',
  blocked: 'Messaging is blocked in this chat.',
  'chat-disabled': 'Chat is turned off here.',
  'unanswered-limit': 'Wait for a reply before sending more messages.',
  'negative-review': 'This client left a negative review, so you cannot message them.',
  'account-restricted': 'Your account cannot send messages right now.',
  'contact-info': 'Contact details cannot be shared here. Keep the conversation on the platform.',
  'attachment-type': 'This type of file cannot be sent.',
  'attachment-too-large': 'This file is too large.',
  'offer-taken': 'Someone else already took this chat.',
  'offer-expired': 'This chat offer has expired.',
  'owned-by-other': 'Another agent owns this chat.',
  'payment-declined': 'The payment was declined.',
  'not-enrolled': 'This provider does not take chats.',
  'not-found': 'Not found.',
  forbidden: 'You are not allowed to do that.',
  invalid: 'Something in the request was not valid.',
  'too-long': 'The message is too long.',
  'rate-limited': 'Too many requests: slow down.',
  unavailable: 'The chat service cannot be reached.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value);
}

export class ChatError extends Error {
  override readonly name = 'ChatError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string = ERROR_MESSAGES[code]) {
    super(message);
    this.code = code;
  }

  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isChatError(value: unknown): value is ChatError {
  return value instanceof ChatError;
}

import type { ErrorCode } from '../../model/errors.js';

/**
 * The strings every element shares. Each element adds its own defaults; a host replaces any of
 * them through an element's `strings` property (`volley-chat` hands its strings to all it holds).
 */
export const commonStrings = {
  /** Why a command was refused, by ChatError code: what the user reads. */
  errors: {
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
  } satisfies Record<ErrorCode, string>,
  cancel: 'Cancel',
  confirm: 'Confirm',
  close: 'Close',
  loading: 'Loading…',
  noClient: 'Not connected.',
};

export type CommonStrings = typeof commonStrings;

/** The message for a refusal: the element's own text for its code, else the engine's message. */
export function errorText(strings: CommonStrings, error: { code?: string; message?: string } | unknown): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (code && (strings.errors as Record<string, string>)[code]) || message || strings.errors.unavailable;
}

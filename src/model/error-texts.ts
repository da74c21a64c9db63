import { UNAVAILABLE_TEXT, type ErrorCode } from './error-codes.js';

/**
 * The human text of each `ChatError` code. A `ChatError` made without a message of its own reads
 * its text here; the module loads on the first refusal (see `errors.ts`), so a page that is never
 * refused never downloads it. These texts are also the elements' default wording.
 */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
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
  unavailable: UNAVAILABLE_TEXT,
};

/**
 * volley-chat/rules: the engine's pure rule functions, for hosts and elements that pre-check
 * what the engine will decide (the composer warns about contact details before sending).
 * @packageDocumentation
 */
export { findContactInfo, type ContactFinding, type ContactKind } from './contact-guard.js';
export { contactRefusal } from './contact-policy.js';
export { checkAttachment, extensionOf, familyOf, SNIFF_BYTES, type AttachmentCandidate, type AttachmentVerdict, type AttachmentFamily } from './attachments.js';
export { sendRefusal, type SendContext, type SendRefusal } from './send-policy.js';
export { isVolley, nextVolleyWindow, type VolleyWindow } from './volley.js';
export { decideNotification, type NotificationDecision } from './notify.js';
export { careAnalytics, type CareLogEntry } from './analytics.js';
export { buildFeed } from './feed.js';
export { summarizeCustomer } from './details.js';
export { nextCareStatus, ownershipRefusal, type CareEvent } from './care.js';
export { nextMissStreak, missesMakeUnavailable, offerIsOpen, type OfferOutcomeForMember } from './routing.js';
export { quietHoursProblem, quietWindowAt, isQuietAt, wallTime, instantAt, summarizeHeld, type QuietWindow } from './quiet-hours.js';
// Every role (R1), as the server's tokens check it.
export { ROLES } from '../model/roles.js';
// The human text of each ChatError code (the core loads them on the first refusal).
export { ERROR_MESSAGES } from '../model/error-texts.js';

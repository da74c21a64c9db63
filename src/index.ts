/**
 * volley-chat: the DOM-free core. Importing it defines no custom element and touches no storage.
 * @packageDocumentation
 */
export * from './model/index.js';
export { ChatEngine, type ChatEngineOptions, type EngineEvents } from './engine/engine.js';
export { ManualClock, SystemClock, type Clock, type TimerId } from './engine/clock.js';
export { MemoryPayments, MemoryNotifier, type PaymentsAdapter, type Charge, type Notifier, type Notification, type NotificationChannel, type HistoryAdapter } from './engine/adapters.js';
export { MemoryStore, type Store, type StoreRecord } from './engine/store.js';
export { ChatClient, type ChatClientOptions, type ClientEvents, type SendDraft } from './client/client.js';
export { selectConversationList, selectHasUnread, selectMessages, selectConversation, selectOffers, type ChatState, type ConnectionState } from './client/state.js';
export { LocalTransport, type LocalTransportOptions } from './transport/local.js';
export type { Transport } from './transport/transport.js';
export type { Command, CommandType, CommandOf, CommandResults, ChatEvent, Snapshot, OutgoingMessage } from './protocol/commands.js';
export { PROTOCOL_VERSION } from './protocol/commands.js';
export { serveRequest } from './protocol/serve.js';
export { MAX_FRAME_BYTES } from './protocol/frames.js';
// The pure rules, for hosts and elements that pre-check what the engine will decide.
export { findContactInfo, type ContactFinding, type ContactKind } from './rules/contact-guard.js';
export { checkAttachment, extensionOf, SNIFF_BYTES, type AttachmentVerdict, type AttachmentFamily } from './rules/attachments.js';
export { sendRefusal, contactRefusal, type SendContext, type SendRefusal } from './rules/send-policy.js';
export { isVolley } from './rules/volley.js';
export { decideNotification, type NotificationDecision } from './rules/notify.js';
export { careAnalytics } from './rules/analytics.js';
export { buildFeed } from './rules/feed.js';

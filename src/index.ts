/**
 * volley-chat: the DOM-free core. Importing it defines no custom element and touches no storage.
 * @packageDocumentation
 */
export * from './model/index.js';
export { ChatEngine, type ChatEngineOptions, type EngineEvents, type EngineState } from './engine/engine.js';
export { ManualClock, SystemClock, type Clock, type ClockState, type RestorableClock, type TimerId } from './model/clock.js';
export { MemoryPayments, MemoryNotifier, type PaymentsAdapter, type Charge, type Notifier, type HistoryAdapter } from './engine/adapters.js';
export type { Notification, NotificationChannel } from './model/notification.js';
export { MemoryStore, type Store, type StoreRecord, type MessageRange, type MessageStore, type DurableStore, type JournalEntry, type HostCall, type StoredJournal } from './engine/store.js';
export { ChatClient, type ChatClientOptions, type ClientEvents, type SendDraft } from './client/client.js';
export { selectConversationList, selectHasUnread, selectMessages, selectConversation, selectConversationPolicy, selectOffers, type ChatState, type ConnectionState, type Draft } from './client/state.js';
export type { PersistedClient, Persistence, PersistenceKernel } from './client/persistence.js';
export { LocalTransport, type LocalTransportOptions } from './transport/local.js';
export type { Transport, TransportStatus, UploadOptions } from './transport/transport.js';
export type { Command, CommandType, CommandOf, CommandResults, ChatEvent, Snapshot, OutgoingMessage } from './protocol/commands.js';
export { PROTOCOL_VERSION } from './protocol/commands.js';
export { serveRequest, type CommandHandler } from './protocol/serve.js';
export { MAX_FRAME_BYTES } from './protocol/frames.js';
// The pure rules live in their own entry, `volley-chat/rules` (src/rules/index.ts): the engine
// loads the ones a policy needs on first use, and elements import them to pre-check.
export type { ContactFinding, ContactKind } from './rules/contact-guard.js';
export type { AttachmentVerdict, AttachmentFamily } from './rules/attachments.js';
export type { SendContext, SendRefusal } from './rules/send-policy.js';
export type { NotificationDecision } from './rules/notify.js';

export const chatStrings = {
  chats: 'Chats',
  back: 'Back to chats',
  pickChat: 'Choose a chat to start.',
  chatTab: 'Chat',
  feedTab: 'Orders and messages',
  statsTab: 'Stats',
  untitled: 'Chat',
  /** K2: the owner ends a care chat. */
  finish: 'Finish chat',
  /** T6: what the host knows of the customer, beside a claimed chat. */
  context: 'About this customer',
  query: 'Looking for',
  history: 'History',
  /** One entry of the host's history as a line: a string as it is, else its `title`, else its data. */
  historyEntry: (entry: unknown): string => (typeof entry === 'string' ? entry : String((entry as { title?: unknown })?.title ?? JSON.stringify(entry))),
};

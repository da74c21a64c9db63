export type NotificationChannel = 'in-app' | 'push' | 'email';

/** One alert the notification rules let through (D3). */
export interface Notification {
  userId: string;
  channel: NotificationChannel;
  /** `summary`: the alerts held during quiet hours (P11), one per channel when the window ends. */
  kind: 'message' | 'new-chat' | 'offer' | 'summary';
  conversationId?: string;
  /** On a summary: every chat its messages are in. */
  conversationIds?: string[];
  messageIds?: string[];
  summary?: string;
}

import { previewStrings } from '../shared/preview.js';
import { presenceStrings } from '../shared/presence.js';

export const inboxStrings = {
  ...previewStrings,
  ...presenceStrings,
  title: 'Chats',
  anyUnread: 'You have unread chats',
  unread: 'Unread',
  queued: 'Missed: waiting in the queue',
  /** A customer's word for a chat the other side has not answered yet (staff read its care status or queue mark). */
  waiting: 'Waiting for a reply',
  filterLabel: 'Show chats',
  all: 'All',
  unanswered: 'Unanswered',
  active: 'Active',
  finished: 'Finished',
  owner: (name: string) => `Owner: ${name}`,
  noMessages: 'No messages yet',
  empty: 'No chats here.',
  /** T4: the missed chats a member can take from the team queue. */
  queue: 'Waiting in the queue',
  pickUp: 'Pick up',
  pickUpLabel: (name: string) => `Pick up ${name}'s chat`,
  /** A member's own status, beside the title (P10). */
  myStatus: (status: string) => `Your status: ${status}`,
};

import { previewStrings } from '../shared/preview.js';

export const feedStrings = {
  ...previewStrings,
  title: 'Orders and messages',
  filterLabel: 'Show',
  all: 'All',
  orders: 'Orders',
  messages: 'Messages',
  orderBadge: 'Order',
  you: 'You',
  empty: 'Nothing here yet.',
};

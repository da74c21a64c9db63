export const launcherStrings = {
  openLauncher: 'Open chat',
  closeLauncher: 'Close chat',
  unreadMessages: 'Unread messages',
  panelTitle: 'Chat',
};

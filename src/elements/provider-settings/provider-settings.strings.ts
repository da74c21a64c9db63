import type { ProviderSettings } from '../../model/types.js';
import { presenceStrings } from '../shared/presence.js';

type Email = ProviderSettings['notifications']['email'];

export const providerSettingsStrings = {
  settingsTitle: 'Chat settings',
  enrolment: 'New chats',
  takeChats: 'Customers can start chats with me',
  statusTitle: 'Status',
  ...presenceStrings,
  quietTitle: 'Quiet hours',
  quietOff: 'No quiet hours: alerts go out at any time.',
  quietSet: (start: string, end: string, timeZone: string) => `Alerts wait from ${start} to ${end} (${timeZone}); messages still arrive.`,
  quietNow: (until: string) => `Quiet now: the alerts held go out as a summary at ${until}.`,
  quietFrom: 'From',
  quietTo: 'To',
  timeZone: 'Time zone',
  saveQuiet: 'Save quiet hours',
  quietRemove: 'Turn off',
  alertsTitle: 'Alerts',
  pushAlerts: 'Push notifications when I am away',
  emailAlerts: 'E-mail',
  emailChoices: { always: 'Always', 'when-away': 'When I am away', never: 'Never' } as Record<Email, string>,
};

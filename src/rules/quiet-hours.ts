import type { NotificationChannel, Notification } from '../model/notification.js';
import type { QuietHours } from '../model/types.js';

/**
 * P11: a provider's daily quiet window, read on the wall clock of the provider's time zone.
 * Times come from `Intl` (no date library): the wall time of an instant is what
 * `Intl.DateTimeFormat` shows for it, so daylight-saving days need no special table.
 *
 * A window runs from the first instant the wall clock reaches `start` to the first instant it
 * reaches `end` (the next day when `end` is earlier than `start`). On a spring-forward day a time
 * that does not exist is reached when the clock jumps past it; on a fall-back day the first of
 * the two readings counts, so a window never ends or starts twice. `start` equal to `end` means
 * no window at all: a window that never ends would hold alerts for ever.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat | undefined {
  let format = formatters.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      return undefined;
    }
    formatters.set(timeZone, format);
  }
  return format;
}

/** Why these quiet hours cannot be used, or null: times are `HH:MM` (00:00–23:59), the zone an IANA name. */
export function quietHoursProblem(hours: QuietHours): string | null {
  if (!TIME.test(hours.start) || !TIME.test(hours.end)) return 'Quiet hours start and end are times like 22:00.';
  if (!formatter(hours.timeZone)) return `Unknown time zone ${JSON.stringify(hours.timeZone)}.`;
  return null;
}

/** The wall-clock reading of instant `at` in `timeZone`, as the UTC milliseconds of the same fields. */
export function wallTime(at: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone)!.formatToParts(at)) fields[part.type] = Number(part.value);
  const { year, month, day, hour, minute, second } = fields;
  return Date.UTC(year, month - 1, day, hour % 24, minute, second) + (((at % 1000) + 1000) % 1000);
}

/** The first instant at which the wall clock of `timeZone` reads `wall` or later. */
export function instantAt(wall: number, timeZone: string): number {
  // The offsets in force a day either side of the reading: one of them is right unless the
  // reading falls in a spring-forward gap. Transitions are months apart, so no third offset.
  const candidates = [wall - (wallTime(wall - DAY, timeZone) - (wall - DAY)), wall - (wallTime(wall + DAY, timeZone) - (wall + DAY))];
  const exact = candidates.filter((at) => wallTime(at, timeZone) === wall);
  if (exact.length) return Math.min(...exact);
  // In the gap: the answer is the jump itself, between the two candidates.
  let before = Math.min(...candidates);
  let after = Math.max(...candidates);
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (wallTime(middle, timeZone) >= wall) after = middle;
    else before = middle;
  }
  return after;
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

export interface QuietWindow { start: number; end: number }

/** The quiet window (instants, end excluded) that contains `at`, or null outside every window. */
export function quietWindowAt(hours: QuietHours, at: number): QuietWindow | null {
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  if (start === end) return null;
  const wall = wallTime(at, hours.timeZone);
  const midnight = wall - (((wall % DAY) + DAY) % DAY);
  // The window that began the local day before may still run (it crosses midnight).
  for (const day of [midnight - DAY, midnight]) {
    const window = {
      start: instantAt(day + start * MINUTE, hours.timeZone),
      end: instantAt(day + end * MINUTE + (end < start ? DAY : 0), hours.timeZone),
    };
    if (window.start <= at && at < window.end) return window;
  }
  return null;
}

export const isQuietAt = (hours: QuietHours, at: number): boolean => quietWindowAt(hours, at) !== null;

const CHANNELS: NotificationChannel[] = ['in-app', 'push', 'email'];

/**
 * P11: the alerts held for one user during a quiet window as one summary per channel that held
 * any: every message and chat they were about, and a sentence for hosts that show it as is.
 */
export function summarizeHeld(held: readonly Notification[]): Notification[] {
  const summaries: Notification[] = [];
  for (const channel of CHANNELS) {
    const alerts = held.filter((n) => n.channel === channel);
    if (alerts.length === 0) continue;
    const messageIds = alerts.flatMap((n) => n.messageIds ?? []);
    const conversationIds = [...new Set(alerts.flatMap((n) => (n.conversationId ? [n.conversationId] : [])))];
    const messages = `${messageIds.length} new message${messageIds.length === 1 ? '' : 's'}`;
    summaries.push({
      userId: alerts[0].userId, channel, kind: 'summary', conversationIds, messageIds,
      summary: `${messages} in ${conversationIds.length} chat${conversationIds.length === 1 ? '' : 's'} during quiet hours.`,
    });
  }
  return summaries;
}

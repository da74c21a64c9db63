import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { instantAt, isQuietAt, quietHoursProblem, quietWindowAt, summarizeHeld, wallTime } from '../src/rules/quiet-hours.ts';
import type { Notification } from '../src/index.ts';

// P11: the pure quiet-hours math. Instants are written in UTC; the comments give the wall time.
const at = (iso: string) => Date.parse(iso);
const PARIS = 'Europe/Paris';
const NEW_YORK = 'America/New_York';
const HOUR = 3_600_000;

const paris = (start: string, end: string) => ({ start, end, timeZone: PARIS });
const newYork = (start: string, end: string) => ({ start, end, timeZone: NEW_YORK });

describe('P11 quiet hours: what a valid window is', () => {
  it('HH:MM times from 00:00 to 23:59 and an IANA time zone are valid', () => {
    assert.equal(quietHoursProblem(paris('22:00', '07:00')), null);
    assert.equal(quietHoursProblem(paris('00:00', '23:59')), null);
    assert.equal(quietHoursProblem({ start: '09:30', end: '17:45', timeZone: 'UTC' }), null);
  });

  for (const time of ['7:00', '24:00', '22:60', '', '22:00:00', ' 22:00', '22h00', '2200', '-1:00']) {
    it(`the time ${JSON.stringify(time)} is not valid, as a start or as an end`, () => {
      assert.match(quietHoursProblem(paris(time, '07:00')) ?? '', /times like 22:00/);
      assert.match(quietHoursProblem(paris('22:00', time)) ?? '', /times like 22:00/);
    });
  }

  for (const zone of ['Mars/Olympus_Mons', '', 'Paris', 'GMT+25']) {
    it(`the time zone ${JSON.stringify(zone)} is not valid`, () => {
      assert.match(quietHoursProblem({ start: '22:00', end: '07:00', timeZone: zone }) ?? '', /time zone/);
    });
  }
});

describe('P11 quiet hours: wall time through Intl', () => {
  it('reads Paris one hour ahead of UTC in winter and two in summer', () => {
    assert.equal(wallTime(at('2026-01-15T12:00:00Z'), PARIS), at('2026-01-15T13:00:00Z'));
    assert.equal(wallTime(at('2026-07-15T12:00:00Z'), PARIS), at('2026-07-15T14:00:00Z'));
  });

  it('keeps the milliseconds of the instant', () => {
    assert.equal(wallTime(at('2026-01-15T12:00:00.250Z'), NEW_YORK), at('2026-01-15T07:00:00.250Z'));
  });

  it('finds the instant of a wall time that exists once', () => {
    assert.equal(instantAt(at('2026-01-15T22:00:00Z'), PARIS), at('2026-01-15T21:00:00Z'));
    assert.equal(instantAt(at('2026-07-15T22:00:00Z'), NEW_YORK), at('2026-07-16T02:00:00Z'));
  });

  it('a wall time skipped by spring-forward is reached when the clock jumps past it', () => {
    // Paris 2026-03-29: 02:00 CET jumps to 03:00 CEST at 01:00Z. New York 2026-03-08: at 07:00Z.
    assert.equal(instantAt(at('2026-03-29T02:30:00Z'), PARIS), at('2026-03-29T01:00:00Z'));
    assert.equal(instantAt(at('2026-03-08T02:30:00Z'), NEW_YORK), at('2026-03-08T07:00:00Z'));
  });

  it('a wall time repeated by fall-back is its first reading', () => {
    // Paris 2026-10-25: 03:00 CEST falls back to 02:00 CET at 01:00Z; 02:30 happens at 00:30Z and 01:30Z.
    assert.equal(instantAt(at('2026-10-25T02:30:00Z'), PARIS), at('2026-10-25T00:30:00Z'));
    // New York 2026-11-01: 02:00 EDT falls back to 01:00 EST at 06:00Z; 01:30 happens at 05:30Z and 06:30Z.
    assert.equal(instantAt(at('2026-11-01T01:30:00Z'), NEW_YORK), at('2026-11-01T05:30:00Z'));
  });
});

describe('P11 quiet hours: the window', () => {
  it('a window inside one day: quiet from start, not at end', () => {
    const hours = { start: '09:00', end: '17:00', timeZone: 'UTC' };
    assert.equal(isQuietAt(hours, at('2026-01-15T08:59:59.999Z')), false);
    assert.equal(isQuietAt(hours, at('2026-01-15T09:00:00Z')), true);
    assert.equal(isQuietAt(hours, at('2026-01-15T16:59:59.999Z')), true);
    assert.equal(isQuietAt(hours, at('2026-01-15T17:00:00Z')), false);
    assert.deepEqual(quietWindowAt(hours, at('2026-01-15T12:00:00Z')), { start: at('2026-01-15T09:00:00Z'), end: at('2026-01-15T17:00:00Z') });
  });

  it('a window crossing midnight is quiet late in the evening and early in the morning, in local time', () => {
    const hours = paris('22:00', '07:00');
    assert.equal(isQuietAt(hours, at('2026-01-15T20:59:59.999Z')), false, '21:59:59 in Paris');
    assert.equal(isQuietAt(hours, at('2026-01-15T21:00:00Z')), true, '22:00 in Paris');
    assert.equal(isQuietAt(hours, at('2026-01-15T23:00:00Z')), true, 'midnight in Paris');
    assert.equal(isQuietAt(hours, at('2026-01-16T05:59:59.999Z')), true, '06:59:59 in Paris');
    assert.equal(isQuietAt(hours, at('2026-01-16T06:00:00Z')), false, '07:00 in Paris');
    assert.equal(isQuietAt(hours, at('2026-01-16T12:00:00Z')), false, '13:00 in Paris');
  });

  it('the window that began yesterday evening is the one found after midnight', () => {
    const window = { start: at('2026-01-15T21:00:00Z'), end: at('2026-01-16T06:00:00Z') };
    assert.deepEqual(quietWindowAt(paris('22:00', '07:00'), at('2026-01-15T22:00:00Z')), window);
    assert.deepEqual(quietWindowAt(paris('22:00', '07:00'), at('2026-01-16T01:00:00Z')), window);
  });

  it('start equal to end is no window at all (a window that never ends would hold alerts for ever)', () => {
    for (const iso of ['2026-01-15T00:00:00Z', '2026-01-15T08:00:00Z', '2026-01-15T21:00:00Z', '2026-01-15T21:30:00Z']) {
      assert.equal(isQuietAt(paris('22:00', '22:00'), at(iso)), false, iso);
    }
  });

  it('a one-minute window holds exactly one minute', () => {
    const hours = { start: '23:59', end: '00:00', timeZone: 'UTC' };
    assert.deepEqual(quietWindowAt(hours, at('2026-01-15T23:59:30Z')), { start: at('2026-01-15T23:59:00Z'), end: at('2026-01-16T00:00:00Z') });
    assert.equal(isQuietAt(hours, at('2026-01-16T00:00:00Z')), false);
  });
});

describe('P11 quiet hours: daylight-saving days', () => {
  it('Paris spring-forward night: 22:00 CET to 07:00 CEST lasts 8 hours', () => {
    const window = quietWindowAt(paris('22:00', '07:00'), at('2026-03-28T23:00:00Z'));
    assert.deepEqual(window, { start: at('2026-03-28T21:00:00Z'), end: at('2026-03-29T05:00:00Z') });
    assert.equal(window!.end - window!.start, 8 * HOUR);
    assert.equal(isQuietAt(paris('22:00', '07:00'), at('2026-03-29T04:59:59.999Z')), true);
    assert.equal(isQuietAt(paris('22:00', '07:00'), at('2026-03-29T05:00:00Z')), false);
  });

  it('Paris fall-back night: 22:00 CEST to 07:00 CET lasts 10 hours', () => {
    const window = quietWindowAt(paris('22:00', '07:00'), at('2026-10-25T03:00:00Z'));
    assert.deepEqual(window, { start: at('2026-10-24T20:00:00Z'), end: at('2026-10-25T06:00:00Z') });
    assert.equal(window!.end - window!.start, 10 * HOUR);
  });

  it('New York spring-forward and fall-back nights: 8 and 10 hours', () => {
    assert.deepEqual(quietWindowAt(newYork('22:00', '07:00'), at('2026-03-08T06:00:00Z')), { start: at('2026-03-08T03:00:00Z'), end: at('2026-03-08T11:00:00Z') });
    assert.deepEqual(quietWindowAt(newYork('22:00', '07:00'), at('2026-11-01T06:00:00Z')), { start: at('2026-11-01T02:00:00Z'), end: at('2026-11-01T12:00:00Z') });
  });

  it('an end that spring-forward skips comes when the clock jumps', () => {
    const hours = paris('22:00', '02:30');
    assert.equal(isQuietAt(hours, at('2026-03-29T00:59:59.999Z')), true, '01:59:59 CET');
    assert.equal(isQuietAt(hours, at('2026-03-29T01:00:00Z')), false, '03:00 CEST');
  });

  it('a start that spring-forward skips comes when the clock jumps', () => {
    const hours = newYork('02:30', '06:00');
    assert.equal(isQuietAt(hours, at('2026-03-08T06:59:59.999Z')), false, '01:59:59 EST');
    assert.deepEqual(quietWindowAt(hours, at('2026-03-08T07:00:00Z')), { start: at('2026-03-08T07:00:00Z'), end: at('2026-03-08T10:00:00Z') });
  });

  it('fall-back repeats an hour, but a window ends only once', () => {
    const hours = paris('22:00', '02:30');
    assert.equal(isQuietAt(hours, at('2026-10-25T00:29:59.999Z')), true, 'first 02:29 CEST');
    assert.equal(isQuietAt(hours, at('2026-10-25T00:30:00Z')), false, 'first 02:30 CEST');
    assert.equal(isQuietAt(hours, at('2026-10-25T01:10:00Z')), false, 'second 02:10, CET: the window does not reopen');
  });

  it('fall-back repeats an hour, and a window starting in it stays quiet through the repeat', () => {
    const hours = paris('02:30', '06:00');
    assert.deepEqual(quietWindowAt(hours, at('2026-10-25T01:10:00Z')), { start: at('2026-10-25T00:30:00Z'), end: at('2026-10-25T05:00:00Z') });
    assert.equal(isQuietAt(hours, at('2026-10-25T00:29:59.999Z')), false);
  });

  it('the days around a transition keep their usual local hours', () => {
    assert.deepEqual(quietWindowAt(paris('22:00', '07:00'), at('2026-03-30T02:00:00Z')), { start: at('2026-03-29T20:00:00Z'), end: at('2026-03-30T05:00:00Z') });
    assert.deepEqual(quietWindowAt(paris('22:00', '07:00'), at('2026-03-28T02:00:00Z')), { start: at('2026-03-27T21:00:00Z'), end: at('2026-03-28T06:00:00Z') });
  });
});

describe('P11 quiet hours: the summary of held alerts', () => {
  const alert = (channel: Notification['channel'], conversationId: string, messageId: string): Notification =>
    ({ userId: 'p1', channel, kind: 'message', conversationId, messageIds: [messageId] });

  it('one summary per channel that held anything, with every message and chat', () => {
    const held = [alert('in-app', 'c1', 'm1'), alert('push', 'c1', 'm1'), alert('in-app', 'c2', 'm2'), alert('in-app', 'c1', 'm3')];
    assert.deepEqual(summarizeHeld(held), [
      { userId: 'p1', channel: 'in-app', kind: 'summary', conversationIds: ['c1', 'c2'], messageIds: ['m1', 'm2', 'm3'], summary: '3 new messages in 2 chats during quiet hours.' },
      { userId: 'p1', channel: 'push', kind: 'summary', conversationIds: ['c1'], messageIds: ['m1'], summary: '1 new message in 1 chat during quiet hours.' },
    ]);
  });

  it('nothing held, no summary', () => {
    assert.deepEqual(summarizeHeld([]), []);
  });
});

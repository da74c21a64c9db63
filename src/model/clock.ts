export type TimerId = number;

/** Time for the engine and the client: injected so tests can travel in time. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
}

/**
 * A clock whose countdowns outlive an engine: it exports its pending countdowns (ids and due
 * times) with the engine's state, and after a restore each desk binds its callback again to the
 * id it saved (`resume`), so countdowns keep their numbers and deadlines. The server's journal
 * clock is one (a replay fires countdowns by number). On any other clock a restored desk sets a
 * new countdown for the time left.
 */
export interface RestorableClock extends Clock {
  resume(id: TimerId, callback: () => void): void;
}

/** A restorable clock's countdowns, in a snapshot: the next id and each pending one's due time. */
export interface ClockState { now: number; next: number; timers: [TimerId, number][] }

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
  setTimeout(callback: () => void, ms: number): TimerId {
    return globalThis.setTimeout(callback, ms) as unknown as TimerId;
  }
  clearTimeout(id: TimerId): void {
    globalThis.clearTimeout(id as unknown as ReturnType<typeof globalThis.setTimeout>);
  }
}

interface ManualTimer { id: TimerId; dueAt: number; callback: () => void }

/**
 * A clock that moves only when told. `advance(ms)` fires every timer that falls due, in order of
 * due time (then of creation), with `now()` reading each timer's due time while it runs; timers
 * set by a callback fire in the same advance when they fall inside it.
 */
export class ManualClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: ManualTimer[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): TimerId {
    const id = this.nextId++;
    this.timers.push({ id, dueAt: this.current + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(id: TimerId): void {
    this.timers = this.timers.filter((timer) => timer.id !== id);
  }

  /** How many timers are waiting: lets tests prove that nothing was left behind. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError('ManualClock.advance takes a non-negative number of ms');
    const target = this.current + ms;
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      this.timers = this.timers.filter((timer) => timer !== next);
      this.current = next.dueAt;
      next.callback();
    }
    this.current = target;
  }

  /** Jump to an absolute time, firing what falls due on the way. */
  setTime(at: number): void {
    this.advance(Math.max(0, at - this.current));
  }

  private nextDue(limit: number): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const timer of this.timers) {
      if (timer.dueAt > limit) continue;
      if (!best || timer.dueAt < best.dueAt || (timer.dueAt === best.dueAt && timer.id < best.id)) best = timer;
    }
    return best;
  }
}

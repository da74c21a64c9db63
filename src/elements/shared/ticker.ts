import type { Clock, TimerId } from '../../model/clock.js';

interface Ticker { listeners: Set<(now: number) => void>; timer?: TimerId }

const tickers = new WeakMap<Clock, Ticker>();
const SECOND = 1000;

/**
 * One ticker per clock drives every countdown and relative time on the page (relative-time-element):
 * no timer per element. It runs on whole seconds while anyone listens and stops with the last.
 */
export function onTick(clock: Clock, listener: (now: number) => void): () => void {
  let ticker = tickers.get(clock);
  if (!ticker) tickers.set(clock, (ticker = { listeners: new Set() }));
  const { listeners } = ticker;
  listeners.add(listener);
  const schedule = () => {
    ticker!.timer = clock.setTimeout(() => {
      const now = clock.now();
      for (const each of [...listeners]) each(now);
      if (listeners.size) schedule();
      else ticker!.timer = undefined;
    }, SECOND - (clock.now() % SECOND) || SECOND);
  };
  if (ticker.timer === undefined) schedule();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && ticker!.timer !== undefined) {
      clock.clearTimeout(ticker!.timer);
      ticker!.timer = undefined;
    }
  };
}

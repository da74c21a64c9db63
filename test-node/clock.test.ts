import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock, SystemClock } from '../src/index.ts';
import { START } from './fixtures.ts';

describe('ManualClock: time moves only when told', () => {
  it('starts at the given time and stands still', () => {
    const clock = new ManualClock(START);
    assert.equal(clock.now(), START);
    assert.equal(clock.now(), START);
    clock.advance(1500);
    assert.equal(clock.now(), START + 1500);
    assert.equal(new ManualClock().now(), 0);
  });

  it('advance fires due timers in order of due time, then of creation', () => {
    const clock = new ManualClock(START);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('c@300'), 300);
    clock.setTimeout(() => fired.push('a@100'), 100);
    clock.setTimeout(() => fired.push('b1@200'), 200);
    clock.setTimeout(() => fired.push('b2@200'), 200);
    clock.setTimeout(() => fired.push('a2@100'), 100);
    clock.advance(1000);
    assert.deepEqual(fired, ['a@100', 'a2@100', 'b1@200', 'b2@200', 'c@300']);
    assert.equal(clock.pendingTimers, 0);
  });

  it("now() reads each timer's due time during its callback, and the end of the advance after", () => {
    const clock = new ManualClock(START);
    const seen: Array<[string, number]> = [];
    clock.setTimeout(() => seen.push(['a', clock.now()]), 250);
    clock.setTimeout(() => seen.push(['b', clock.now()]), 700);
    clock.advance(1000);
    assert.deepEqual(seen, [['a', START + 250], ['b', START + 700]]);
    assert.equal(clock.now(), START + 1000);
  });

  it('a timer due exactly at the end of the advance fires; one a millisecond later does not', () => {
    const clock = new ManualClock(START);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('exact'), 15_000);
    clock.setTimeout(() => fired.push('late'), 15_001);
    clock.advance(15_000);
    assert.deepEqual(fired, ['exact']);
    assert.equal(clock.pendingTimers, 1);
    clock.advance(1);
    assert.deepEqual(fired, ['exact', 'late']);
  });

  it('a timer spread over several advances fires once its time is reached', () => {
    const clock = new ManualClock(START);
    let fired = 0;
    clock.setTimeout(() => fired++, 1000);
    clock.advance(400);
    clock.advance(599);
    assert.equal(fired, 0);
    clock.advance(1);
    assert.equal(fired, 1);
    clock.advance(10_000);
    assert.equal(fired, 1, 'a timer fires once');
  });

  it('timers set inside a callback that fall inside the advance fire in the same advance', () => {
    const clock = new ManualClock(START);
    const fired: Array<[string, number]> = [];
    clock.setTimeout(() => {
      fired.push(['outer', clock.now() - START]);
      clock.setTimeout(() => fired.push(['inner', clock.now() - START]), 300);
      clock.setTimeout(() => fired.push(['now', clock.now() - START]), 0);
      clock.setTimeout(() => fired.push(['beyond', clock.now() - START]), 600);
    }, 500);
    clock.setTimeout(() => fired.push(['other', clock.now() - START]), 600);
    clock.advance(1000);
    assert.deepEqual(fired, [['outer', 500], ['now', 500], ['other', 600], ['inner', 800]]);
    assert.equal(clock.pendingTimers, 1);
    clock.advance(100);
    assert.deepEqual(fired.at(-1), ['beyond', 1100]);
  });

  it('a chain of timers re-arming themselves runs as far as the advance reaches, and no further', () => {
    const clock = new ManualClock(START);
    const ticks: number[] = [];
    const tick = () => {
      ticks.push(clock.now() - START);
      clock.setTimeout(tick, 1000);
    };
    clock.setTimeout(tick, 1000);
    clock.advance(5500);
    assert.deepEqual(ticks, [1000, 2000, 3000, 4000, 5000]);
    assert.equal(clock.pendingTimers, 1);
  });

  it('clearTimeout cancels a timer, also from inside another callback due at the same time', () => {
    const clock = new ManualClock(START);
    const fired: string[] = [];
    const cancelled = clock.setTimeout(() => fired.push('cancelled'), 100);
    clock.setTimeout(() => fired.push('kept'), 100);
    clock.clearTimeout(cancelled);
    let second = 0;
    clock.setTimeout(() => { fired.push('first'); clock.clearTimeout(second); }, 200);
    second = clock.setTimeout(() => fired.push('second'), 200);
    clock.clearTimeout(9999); // unknown ids are ignored
    clock.advance(1000);
    assert.deepEqual(fired, ['kept', 'first']);
    assert.equal(clock.pendingTimers, 0);
  });

  it('timer ids are distinct', () => {
    const clock = new ManualClock(START);
    const ids = Array.from({ length: 50 }, () => clock.setTimeout(() => {}, 10));
    assert.equal(new Set(ids).size, ids.length);
  });

  it('a negative or zero-length timeout is due now and fires on the next advance, even advance(0)', () => {
    const clock = new ManualClock(START);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), -50);
    clock.setTimeout(() => fired.push(clock.now()), 0);
    assert.deepEqual(fired, [], 'never synchronously');
    clock.advance(0);
    assert.deepEqual(fired, [START, START]);
  });

  it('a negative (or non-number) advance throws and moves nothing', () => {
    const clock = new ManualClock(START);
    let fired = 0;
    clock.setTimeout(() => fired++, 0);
    assert.throws(() => clock.advance(-1), RangeError);
    assert.throws(() => clock.advance(Number.NaN), RangeError);
    assert.equal(clock.now(), START);
    assert.equal(fired, 0);
    assert.equal(clock.pendingTimers, 1);
  });

  it('setTime jumps to an absolute time, firing what falls due, and never goes back', () => {
    const clock = new ManualClock(START);
    let fired = 0;
    clock.setTimeout(() => fired++, 60_000);
    clock.setTime(START + 60_000);
    assert.equal(fired, 1);
    assert.equal(clock.now(), START + 60_000);
    clock.setTime(START);
    assert.equal(clock.now(), START + 60_000);
  });
});

describe('SystemClock', () => {
  it('now() is the wall clock', () => {
    const clock = new SystemClock();
    const before = Date.now();
    const now = clock.now();
    const after = Date.now();
    assert.ok(now >= before && now <= after);
  });
});

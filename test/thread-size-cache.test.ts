import { expect } from '@open-wc/testing';
import { SizeCache } from '../src/elements/thread/size-cache.js';

// The thread's size cache against a plain array of heights: offsets, the row at an offset, in-place
// changes and the estimate standing in for the rows not measured.
describe('volley-thread size cache', () => {
  const naive = (heights: (number | undefined)[], estimate: number) => {
    const offsets = [0];
    for (const h of heights) offsets.push(offsets.at(-1)! + (h || estimate));
    return offsets;
  };

  it('gives the same offsets and rows at offsets as summing every height, through changes in place', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const n = 1000;
    const heights: (number | undefined)[] = Array.from({ length: n }, () => (random() < 0.3 ? 20 + Math.round(random() * 200) : undefined));
    const cache = new SizeCache(60);
    cache.reset(n, (i) => heights[i]);
    const check = () => {
      const offsets = naive(heights, cache.estimate);
      for (let i = 0; i <= n; i += 37) expect(cache.offset(i)).to.be.closeTo(offsets[i], 1e-6);
      expect(cache.total).to.be.closeTo(offsets[n], 1e-6);
      for (let k = 0; k < 50; k++) {
        const y = random() * offsets[n];
        const i = cache.indexAt(y);
        expect(offsets[i] <= y && y < offsets[i + 1], `row ${i} holds ${y}`).to.equal(true);
      }
      expect(cache.indexAt(-10)).to.equal(0);
      expect(cache.indexAt(offsets[n] + 10)).to.equal(n - 1);
    };
    check();
    for (let k = 0; k < 200; k++) {
      const i = Math.floor(random() * n);
      const h = random() < 0.1 ? 0 : 10 + Math.round(random() * 300);
      const before = cache.height(i);
      expect(cache.set(i, h)).to.be.closeTo((h || cache.estimate) - before, 1e-6);
      heights[i] = h || undefined;
    }
    check();
    // A new estimate moves every row not measured at once.
    cache.estimate = cache.average;
    const measured = heights.filter(Boolean) as number[];
    expect(cache.average).to.be.closeTo(measured.reduce((a, b) => a + b, 0) / measured.length, 1e-6);
    check();
  });

  it('has no rows to find in an empty list', () => {
    const cache = new SizeCache(60);
    cache.reset(0, () => undefined);
    expect(cache.total).to.equal(0);
    expect(cache.indexAt(100)).to.equal(0);
  });
});

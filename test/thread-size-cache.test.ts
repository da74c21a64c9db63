import { expect } from '@open-wc/testing';
import { SizeCache } from '../src/elements/thread/size-cache.js';

// The thread's size cache against a plain array of heights: offsets, the row at an offset, and
// heights changed in place, the estimate standing in for the rows not measured.
describe('volley-thread size cache', () => {
  const offsetsOf = (heights: number[]) => {
    const offsets = [0];
    for (const h of heights) offsets.push(offsets.at(-1)! + h);
    return offsets;
  };

  it('gives the same offsets and rows at offsets as summing every height, through changes in place', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const n = 1000;
    const measured = Array.from({ length: n }, () => (random() < 0.3 ? 20 + Math.round(random() * 200) : undefined));
    const heights = measured.map((h) => h ?? 60);
    const cache = new SizeCache();
    cache.reset(n, 60, (i) => measured[i]);
    const check = () => {
      const offsets = offsetsOf(heights);
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
      heights[i] = 10 + Math.round(random() * 300);
      cache.set(i, heights[i]);
    }
    check();
  });

  it('has no rows to find in an empty list', () => {
    const cache = new SizeCache();
    cache.reset(0, 60, () => undefined);
    expect(cache.total).to.equal(0);
    expect(cache.indexAt(100)).to.equal(0);
  });
});

/**
 * The heights of a list's rows and their prefix sums, updated in place: two Fenwick trees, one of
 * the measured heights and one counting the rows measured, so a row not measured yet stands in
 * at `estimate`. Offset of a row, the row at an offset, and measuring a row all take O(log N);
 * changing the estimate takes O(1); (re)building for a new list takes O(N).
 */
export class SizeCache {
  /** Height assumed for a row not measured yet. */
  estimate: number;
  #n = 0;
  /** Fenwick trees (1-based) of measured heights and of the count of measured rows. */
  #sums = new Float64Array(1);
  #counts = new Float64Array(1);
  /** Each row's measured height, 0 while not measured. */
  #heights = new Float64Array(0);
  #measuredSum = 0;
  #measuredCount = 0;

  constructor(estimate: number) {
    this.estimate = estimate;
  }

  get length(): number {
    return this.#n;
  }

  /** The average of the heights measured (the estimate while none is). */
  get average(): number {
    return this.#measuredCount ? this.#measuredSum / this.#measuredCount : this.estimate;
  }

  /** Starts over with `n` rows; `height(i)` is row i's measured height, or undefined. O(N). */
  reset(n: number, height: (i: number) => number | undefined): void {
    this.#n = n;
    const sums = (this.#sums = new Float64Array(n + 1));
    const counts = (this.#counts = new Float64Array(n + 1));
    const heights = (this.#heights = new Float64Array(n));
    this.#measuredSum = this.#measuredCount = 0;
    for (let i = 0; i < n; i++) {
      const h = height(i);
      if (h) {
        heights[i] = h;
        sums[i + 1] += h;
        counts[i + 1] += 1;
        this.#measuredSum += h;
        this.#measuredCount++;
      }
    }
    // Linear construction: each node adds itself to its parent.
    for (let i = 1; i <= n; i++) {
      const parent = i + (i & -i);
      if (parent <= n) {
        sums[parent] += sums[i];
        counts[parent] += counts[i];
      }
    }
  }

  /** Row i measured `height` px (0: forget it). Returns how much its height changed. O(log N). */
  set(i: number, height: number): number {
    const before = this.#heights[i];
    if (before === height) return 0;
    const was = before ? before : this.estimate;
    const dSum = height - before;
    const dCount = (height ? 1 : 0) - (before ? 1 : 0);
    this.#heights[i] = height;
    this.#measuredSum += dSum;
    this.#measuredCount += dCount;
    for (let j = i + 1; j <= this.#n; j += j & -j) {
      this.#sums[j] += dSum;
      this.#counts[j] += dCount;
    }
    return (height || this.estimate) - was;
  }

  /** Row i's measured height (0 while not measured). */
  measured(i: number): number {
    return this.#heights[i];
  }

  /** Row i's height, measured or estimated. */
  height(i: number): number {
    return this.#heights[i] || this.estimate;
  }

  /** Top of row i (px): the height of the rows before it; `offset(length)` is the height of them all. O(log N). */
  offset(i: number): number {
    let sum = 0;
    let count = 0;
    for (let j = Math.min(i, this.#n); j > 0; j -= j & -j) {
      sum += this.#sums[j];
      count += this.#counts[j];
    }
    return sum + (Math.min(i, this.#n) - count) * this.estimate;
  }

  get total(): number {
    return this.offset(this.#n);
  }

  /** The row at `y` px from the top (clamped to the rows there are; 0 when there are none). O(log N). */
  indexAt(y: number): number {
    const n = this.#n;
    if (!n) return 0;
    let pos = 0;
    let sum = 0;
    let count = 0;
    let step = 1;
    while (step * 2 <= n) step *= 2;
    for (; step; step >>= 1) {
      const next = pos + step;
      if (next > n) continue;
      const s = sum + this.#sums[next];
      const c = count + this.#counts[next];
      // The rows up to `next` end at or above y: the row sought is further down.
      if (s + (next - c) * this.estimate <= y) [pos, sum, count] = [next, s, c];
    }
    return Math.min(pos, n - 1);
  }
}

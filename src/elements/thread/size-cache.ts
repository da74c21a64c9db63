/**
 * The heights of a list's rows and their prefix sums, updated in place (a Fenwick tree): the top
 * of a row, the row at an offset, and a row's new height each take O(log N); filling it for a new
 * list (or a new estimate for the rows not measured) takes O(N).
 */
export class SizeCache {
  #n = 0;
  /** The Fenwick tree (1-based) of the rows' heights. */
  #tree = new Float64Array(1);
  #heights = new Float64Array(0);

  /** Starts over with `n` rows: row i is `height(i)` px high, or `estimate` when that is undefined. */
  reset(n: number, estimate: number, height: (i: number) => number | undefined): void {
    this.#n = n;
    const tree = (this.#tree = new Float64Array(n + 1));
    const heights = (this.#heights = new Float64Array(n));
    for (let i = 0; i < n; i++) tree[i + 1] = heights[i] = height(i) || estimate;
    // Linear construction: each node adds itself to its parent.
    for (let i = 1, parent; i <= n; i++) if ((parent = i + (i & -i)) <= n) tree[parent] += tree[i];
  }

  /** Row i is `height` px high. */
  set(i: number, height: number): void {
    const change = height - this.#heights[i];
    this.#heights[i] = height;
    for (let j = i + 1; j <= this.#n; j += j & -j) this.#tree[j] += change;
  }

  /** Top of row i (px): the height of the rows before it. */
  offset(i: number): number {
    let sum = 0;
    for (let j = Math.min(i, this.#n); j > 0; j -= j & -j) sum += this.#tree[j];
    return sum;
  }

  /** The height of all the rows. */
  get total(): number {
    return this.offset(this.#n);
  }

  /** The row at `y` px from the top (clamped to the rows there are; 0 when there are none). */
  indexAt(y: number): number {
    const n = this.#n;
    let pos = 0;
    let step = 1;
    while (step * 2 <= n) step *= 2;
    for (; step; step >>= 1) {
      // The rows up to pos + step end at or above y: the row sought is further down.
      if (pos + step <= n && this.#tree[pos + step] <= y) y -= this.#tree[(pos += step)];
    }
    return Math.max(0, Math.min(pos, n - 1));
  }
}

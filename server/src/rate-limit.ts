/** A refill rate and the burst a key may spend at once. */
export interface Rate {
  perSecond: number;
  burst: number;
}

/**
 * Token buckets by key (a user id, an IP address): each take spends one token; tokens come back
 * at `perSecond` up to `burst`. Idle full buckets are forgotten, so memory follows active keys.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly rate: Rate, private readonly now: () => number = Date.now) {}

  take(key: string): boolean {
    const now = this.now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.rate.burst, at: now };
    bucket.tokens = Math.min(this.rate.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate.perSecond);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.#buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= 1;
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > 10_000) this.#sweep(now);
    return true;
  }

  #sweep(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.rate.perSecond >= this.rate.burst) this.#buckets.delete(key);
    }
  }
}

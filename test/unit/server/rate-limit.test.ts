// The per-IP token bucket, on a fake clock.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../demo/server/api/rate-limit.js';

describe('RateLimiter', () => {
  it('allows a burst of perMinute requests, then refuses with the seconds until the next token', () => {
    let now = 0;
    const limiter = new RateLimiter(6, () => now);
    for (let i = 0; i < 6; i++) expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now = 4_000;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 6 });
    now = 10_000;
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('b')).toEqual({ allowed: true });
  });

  it('never lets more than burst + elapsed × rate requests through (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 300 }), (perMinute, gaps) => {
        let now = 0;
        const limiter = new RateLimiter(perMinute, () => now);
        let allowed = 0;
        for (const gap of gaps) {
          now += gap;
          if (limiter.take('x').allowed) allowed++;
        }
        return allowed <= perMinute + Math.floor((now * perMinute) / 60_000) + 1;
      }),
    );
  });

  it('is off at 0 and refuses a negative limit', () => {
    const off = new RateLimiter(0, () => 0);
    for (let i = 0; i < 1000; i++) expect(off.take('a').allowed).toBe(true);
    expect(() => new RateLimiter(-1)).toThrow(/≥ 0/);
  });
});

// A small deterministic PRNG (mulberry32) so bootstrap intervals are reproducible from a seed.

/**
 * mulberry32: a 32-bit-state generator by Tommy Ettinger, public domain. Good enough for resampling
 * indices (it is not cryptographic) and identical on every platform, unlike `Math.random`.
 * Returns a function yielding floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n) from a [0, 1) generator. */
export function randomIndex(next: () => number, n: number): number {
  return Math.floor(next() * n);
}

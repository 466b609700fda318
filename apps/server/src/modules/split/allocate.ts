/**
 * Splits `total` (minor units, basis points…) in proportion to `weights` so the parts sum to
 * exactly `total`: each part gets the floor of its exact share, and the units left over go one
 * each to the largest remainders (ties: the earlier weight first). Integer arithmetic only.
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n) throw new RangeError("total must not be negative");
  if (weights.some((w) => w < 0n)) throw new RangeError("weights must not be negative");
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError("weights must not all be zero");
  const parts = weights.map((w) => (total * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (total * w) % sum }));
  let left = total - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts;
}

/** A share of `amount` for `basisPoints`, rounded half up (overlay credit, outside the revenue total). */
export function shareOf(amount: bigint, basisPoints: number): bigint {
  return (amount * BigInt(basisPoints) + 5000n) / 10000n;
}

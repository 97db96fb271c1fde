// Exact fractions of integers, for rules that must not round (the gate forecast's least squares).

/**
 * n / d with d > 0. Made by `rational`, in lowest terms; the results of the operations are not reduced: the few
 * operations of a forecast stay exact with larger integers, and reducing each one cost a dozen times more.
 */
export type Rational = { n: bigint; d: bigint };

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));

/** n / d as they are, with the sign on n. */
function fraction(n: bigint, d: bigint): Rational {
  if (d === 0n) throw new RangeError('A fraction cannot have 0 as its denominator.');
  return d < 0n ? { n: -n, d: -d } : { n, d };
}

/** n / d in lowest terms. */
export function rational(n: bigint | number, d: bigint | number = 1n): Rational {
  const { n: num, d: den } = fraction(BigInt(n), BigInt(d));
  const divisor = gcd(num, den) || 1n;
  return { n: num / divisor, d: den / divisor };
}

/** A finite JavaScript number as the exact fraction its decimal digits say (30.5 → 61/2). */
export function fromDecimal(value: number): Rational {
  const [mantissa, exponent = '0'] = value.toString().split('e');
  const [whole, decimals = ''] = mantissa!.split('.');
  const scale = Number(exponent) - decimals.length;
  const digits = BigInt(`${whole}${decimals}`);
  return scale >= 0 ? rational(digits * 10n ** BigInt(scale)) : rational(digits, 10n ** BigInt(-scale));
}

export const add = (a: Rational, b: Rational) => (a.d === b.d ? fraction(a.n + b.n, a.d) : fraction(a.n * b.d + b.n * a.d, a.d * b.d));
export const subtract = (a: Rational, b: Rational) => (a.d === b.d ? fraction(a.n - b.n, a.d) : fraction(a.n * b.d - b.n * a.d, a.d * b.d));
export const multiply = (a: Rational, b: Rational) => fraction(a.n * b.n, a.d * b.d);
export const divide = (a: Rational, b: Rational) => fraction(a.n * b.d, a.d * b.n);
/** Negative, zero or positive as a is below, at or above b. */
export const compare = (a: Rational, b: Rational) => Number(a.n * b.d - b.n * a.d > 0n) - Number(a.n * b.d - b.n * a.d < 0n);

/** The least integer at or above the fraction. */
export function ceil(value: Rational): bigint {
  const quotient = value.n / value.d;
  return value.n > 0n && value.n % value.d !== 0n ? quotient + 1n : quotient;
}

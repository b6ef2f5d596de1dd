/**
 * Computes the GS1 mod-10 check digit for the digits before it: weights 3 and 1 alternate
 * from the rightmost digit, and the check digit brings the sum up to a multiple of 10. The
 * same algorithm covers GTIN-8/12/13/14, SSCC, GLN, GSIN, GDTI and GRAI.
 */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  let sum = 0;
  let weight = 3;
  for (let index = digitsWithoutCheck.length - 1; index >= 0; index -= 1) {
    sum += Number(digitsWithoutCheck[index]) * weight;
    weight = weight === 3 ? 1 : 3;
  }
  return (10 - (sum % 10)) % 10;
}

/** Checks that the last digit of an all-digit string is its GS1 check digit. */
export function hasValidGs1CheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) {
    return false;
  }
  return gs1CheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}

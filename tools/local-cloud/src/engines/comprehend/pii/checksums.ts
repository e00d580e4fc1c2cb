/** Check digits that separate real identifiers from random digit runs. Pure. */

/** Luhn (mod 10) check used by payment card numbers. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Issuer prefixes of the card schemes (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro). */
export function hasCardPrefix(digits: string): boolean {
  return /^(?:4|5[1-5]|2[2-7]|3[47]|6(?:011|5|4[4-9]|2)|35|30[0-5]|36|38|50|5[6-9])/.test(digits);
}

/** ISO 13616 IBAN check (mod 97 = 1). */
export function ibanValid(candidate: string): boolean {
  const iban = candidate.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** US SSN area/group/serial rules (no 000, 666 or 9xx areas; no 00 group; no 0000 serial). */
export function ssnValid(candidate: string): boolean {
  const m = /^(\d{3})-?(\d{2})-?(\d{4})$/.exec(candidate);
  if (!m) return false;
  const [, area, group, serial] = m;
  return area !== '000' && area !== '666' && !area!.startsWith('9') && group !== '00' && serial !== '0000';
}

/**
 * Long runs of digits withheld from free text (PIPL: least personal data): a note, a reason or a
 * quoted detail may hold an ID number, typed however a clerk's keyboard writes it. One home for
 * the rule: the console's notes and staff log, and the reasons that go into revocation lists.
 */

/** A digit as a keyboard may type it: ASCII or full-width (a Chinese IME in full-width mode). */
const DIGIT = '[0-9\uFF10-\uFF19]';
/** What may sit between the digits of one number as typed or pasted: a space of any kind, a dash, an invisible format character. */
const GAP = '[\\s\\-\u2010-\u2015\uFF0D\u00A0\u200B-\u200D\u2060\uFEFF]?';
/**
 * A run of 15 or more digits, one gap allowed between any two (an 18-character resident ID
 * number written 110101 19900307 123X, a 15-digit old one, a passport-like number), with its
 * check character. Times (colons), card numbers and telephone numbers stay below 15 digits.
 */
const LONG_NUMBER = new RegExp(`(?:${DIGIT}${GAP}){14,}${DIGIT}(?:${GAP}[0-9\uFF10-\uFF19XxＸｘ])?`, 'gu');

/** The text with every long run of digits withheld. */
export const withholdLongNumbers = (text: string): string => text.replace(LONG_NUMBER, '[number withheld]');

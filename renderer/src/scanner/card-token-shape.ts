/** An ES256 signature is 64 bytes: 86 base64url characters (DESIGN.md §4). */
const SIGNATURE_CHARS = 86;
const COMPLETE = new RegExp(`^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{${SIGNATURE_CHARS},}$`);

/**
 * True while scanned text is the beginning of a card token (a JWT starts `eyJ`, the base64url of
 * `{"`) that cannot be complete yet: a pause then is a scanner hiccup, not the end of the code.
 */
export function unfinishedCardToken(text: string): boolean {
  return text.startsWith('eyJ') && text.length < 4096 && !COMPLETE.test(text);
}

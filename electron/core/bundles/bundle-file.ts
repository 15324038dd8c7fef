/**
 * Splits the text of a file given to `jinka import` into the items to import in order.
 * A trust file (JSON) is one item, however many lines it spans; anything else is one
 * compact JWS per non-empty line, as `jinka-hub publish --out` writes several bundles.
 * Lines starting with `#` are comments.
 */
export function splitBundleText(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return [trimmed];
  return trimmed
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * Icons drawn in SVG (no icon font, no emoji font: a counter PC may have neither). Decorative:
 * each sits beside words that say the same, so they are hidden from screen readers.
 */

/** A warning triangle with an exclamation mark: amber warnings, never rejections. */
export function WarningIcon(props: { className?: string }) {
  return (
    <svg className={props.className} viewBox="0 0 64 58" aria-hidden="true" focusable="false">
      <path d="M32 3 L61 54 H3 Z" fill="currentColor" stroke="currentColor" strokeWidth="4" strokeLinejoin="round" />
      <rect x="29" y="19" width="6" height="20" rx="3" fill="var(--icon-cut, #ffc21a)" />
      <circle cx="32" cy="46" r="3.6" fill="var(--icon-cut, #ffc21a)" />
    </svg>
  );
}

/** A camera struck through: no picture from the camera. */
export function CameraOffIcon(props: { className?: string }) {
  return (
    <svg className={props.className} viewBox="0 0 64 64" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="4" strokeLinejoin="round">
      <rect x="6" y="18" width="38" height="30" rx="5" />
      <path d="M44 28 L58 20 V46 L44 38 Z" />
      <path d="M8 8 L56 58" strokeLinecap="round" />
    </svg>
  );
}

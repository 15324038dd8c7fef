import { create } from 'qrcode';
import { useMemo } from 'react';

/** White modules kept around the code (ISO/IEC 18004 asks for four). */
const QUIET = 4;

/**
 * The otpauth URI as a QR code for the phone's authenticator to scan, drawn as inline SVG by React
 * (one path of dark modules): no image URL, no HTML string, so the console's CSP needs no widening.
 */
export function TotpQr(props: { uri: string; label: string }) {
  const { size, path } = useMemo(() => {
    // L: shown on a screen, not printed and worn; the lowest level keeps the modules large for a phone's camera.
    const { modules } = create(props.uri, { errorCorrectionLevel: 'L' });
    let d = '';
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col) !== 0) d += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
      }
    }
    return { size: modules.size + 2 * QUIET, path: d };
  }, [props.uri]);
  return (
    <svg
      role="img"
      aria-label={props.label}
      viewBox={`0 0 ${size} ${size}`}
      width={size * 5}
      height={size * 5}
      shapeRendering="crispEdges"
      data-testid="totp-qr"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

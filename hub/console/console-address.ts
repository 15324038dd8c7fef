import { isIPv4, isIPv6 } from 'node:net';

/** Expands an IPv6 address (no zone) to its eight groups. */
function groups(ipv6: string): string[] {
  const [head = '', tail] = ipv6.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  // An embedded IPv4 tail (::ffff:10.0.0.1) is two groups.
  const last = right.at(-1) ?? left.at(-1);
  const v4 = last !== undefined && isIPv4(last) ? 1 : 0;
  const missing = 8 - left.length - right.length - v4;
  return tail === undefined ? left : [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right];
}

/**
 * What the console's per-address limits count a client address under: an IPv4 address as it is
 * (an IPv4-mapped IPv6 one as its IPv4 address), an IPv6 address by its /64 — one subscriber
 * usually holds a whole /64, so counting single addresses would give it 2^64 allowances.
 */
export function addressKey(address: string): string {
  const plain = address.split('%')[0] ?? address;
  if (!isIPv6(plain)) return plain;
  const g = groups(plain.toLowerCase());
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(plain);
  if (mapped?.[1] !== undefined && isIPv4(mapped[1])) return mapped[1];
  return `${g
    .slice(0, 4)
    .map((x) => x.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

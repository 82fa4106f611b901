/*
 * Which addresses count as one client of the anonymous budget (pure). An IPv4 address is one
 * client; an IPv6 address counts with its whole /64, since a single subscriber line or host is
 * routinely given a /64 and could otherwise take a fresh budget from every address in it.
 */

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The client an address belongs to: `a.b.c.d`, or the first four groups of an IPv6 address and `::/64`. */
export function addressClient(address: string): string {
  const trimmed = address.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(trimmed);
  if (mapped) return mapped[1]!;
  if (IPV4.test(trimmed) || !trimmed.includes(':')) return trimmed;
  const groups = expandIpv6(trimmed);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : trimmed;
}

/** The 8 groups of an IPv6 address without leading zeros, or undefined if it is not one. */
function expandIpv6(address: string): string[] | undefined {
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const split = (part: string) => (part ? part.split(':') : []);
  const head = split(halves[0]!);
  const tail = halves.length === 2 ? split(halves[1]!) : [];
  // A trailing dotted IPv4 part stands for the last two groups.
  const last = tail.length ? tail : head;
  const dotted = last.at(-1);
  if (dotted && IPV4.test(dotted)) {
    const [a, b, c, d] = dotted.split('.').map(Number) as [number, number, number, number];
    last.splice(-1, 1, ((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
  return groups.map((group) => group.replace(/^0+(?=.)/, ''));
}

/**
 * The viewer's address from a header an edge in front of the API sets to `address:port` (as
 * CloudFront's CloudFront-Viewer-Address does), without the port.
 */
export function addressFromViewerHeader(value: string): string {
  return value.trim().replace(/:\d+$/, '');
}

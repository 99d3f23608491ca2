import { isIPv6 } from 'node:net';

/**
 * The client's address as the per-IP limits count it: one spelling per address, so that an IPv4
 * address written as IPv6 (`::ffff:192.0.2.50`, `0:0:0:0:0:ffff:c000:232`) counts as itself.
 */
export const clientAddress = (ip: string): string => {
  // a link-local address with its zone (`fe80::1%eth0`) is left as it is: URLs have no zones
  if (!isIPv6(ip) || ip.includes('%')) return ip;
  // the URL parser writes an IPv6 address in its one canonical form
  const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const [high, low] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
};

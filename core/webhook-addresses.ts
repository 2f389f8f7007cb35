import ipaddr from 'ipaddr.js';

/**
 * Where outbound webhooks may go. Only public unicast addresses, unless the installation allows more
 * (WEBHOOK_ALLOWED_HOSTS: host names, addresses or CIDR ranges), so an organization's admin cannot
 * make the server reach loopback, the private network or a cloud metadata service.
 */
export interface WebhookAllowList {
  hosts: ReadonlySet<string>;
  ranges: ReadonlyArray<[ipaddr.IPv4 | ipaddr.IPv6, number]>;
}

export const NOTHING_ALLOWED: WebhookAllowList = { hosts: new Set(), ranges: [] };

/** The entries of WEBHOOK_ALLOWED_HOSTS (comma or space separated); throws naming a bad CIDR. */
export function parseWebhookAllowList(entries: readonly string[]): WebhookAllowList {
  const hosts = new Set<string>();
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const entry of entries) {
    const value = entry.trim().toLowerCase();
    if (!value) continue;
    if (value.includes('/')) {
      if (!ipaddr.isValidCIDR(value)) throw new Error(`"${entry}" is not a CIDR range`);
      ranges.push(ipaddr.parseCIDR(value));
    } else hosts.add(value.replace(/^\[(.*)\]$/, '$1'));
  }
  return { hosts, ranges };
}

export function splitHostList(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}

/** IPv4 embedded in IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is. */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (!ipaddr.isValid(address)) return undefined;
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
}

/**
 * Public unicast only: loopback, private (RFC 1918, fc00::/7), link-local (169.254.169.254 included),
 * unspecified, carrier-grade NAT, multicast, reserved and translation prefixes are all refused.
 */
function isPublic(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  return address.range() === 'unicast';
}

/** May a webhook connect to `address`, reached through the URL host `host`? */
export function isAllowedWebhookAddress(address: string, host: string, allow: WebhookAllowList): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  if (isPublic(parsed)) return true;
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (allow.hosts.has(name) || allow.hosts.has(parsed.toString())) return true;
  return allow.ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
}

/**
 * Why a webhook URL is refused when it is added, judged from the URL alone (names are resolved and
 * checked again at each delivery): a literal private address or a localhost name.
 */
export function webhookUrlProblem(url: string, allow: WebhookAllowList): string | undefined {
  const host = new URL(url).hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const refused = 'must not point at a loopback, private, link-local or metadata address';
  if (ipaddr.isValid(host)) return isAllowedWebhookAddress(host, host, allow) ? undefined : refused;
  if ((host === 'localhost' || host.endsWith('.localhost')) && !allow.hosts.has(host)) return refused;
  return undefined;
}

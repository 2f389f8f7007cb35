import proxyaddr from 'proxy-addr';

/**
 * Express's `trust proxy` setting from TRUST_PROXY: a number of hops, or the proxies' addresses and
 * CIDRs. Unset: false, so `req.ip` is the socket's address and X-Forwarded-For is never believed.
 * Throws, naming the setting, for an address proxy-addr cannot read.
 */
export function trustProxySetting(value: string | undefined): false | number | string[] {
  if (!value) return false;
  if (/^\d+$/.test(value)) return Number(value);
  const list = value.split(',').map((entry) => entry.trim());
  try {
    proxyaddr.compile(list);
  } catch (error) {
    throw new Error(`TRUST_PROXY: ${(error as Error).message}`);
  }
  return list;
}

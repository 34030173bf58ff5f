// HTTP(S) fetcher for ingest: timeouts, a size cap, a redirect limit, a descriptive User-Agent,
// and a guard that refuses private, loopback and link-local addresses unless explicitly allowed.
// The guard runs inside the socket's DNS lookup, so a redirect or DNS rebinding cannot bypass it.
import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { formatBytes } from './formats.js';

export interface FetchOptions {
  allowPrivate?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
}

export interface Fetched {
  url: string;
  status: number;
  contentType: string | null;
  bytes: Uint8Array;
}

/** The largest response accepted (`--max-bytes`), compressed or not. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export const USER_AGENT = 'Storyline/0.1 (+https://github.com/storyline; news story analysis; offline research tool)';

/** True when an IP address is publicly routable (not private, loopback, link-local, reserved…). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  // (an IPv4-compatible address, ::a.b.c.d, is deprecated and never public; ipaddr.js calls it unicast)
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0)) return false;
  return ip.range() === 'unicast';
}

function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as dns.LookupAddress[];
      const refused = list.find((a) => !allowPrivate && !isPublicAddress(a.address));
      if (refused) {
        const e = new Error(
          `refused to fetch ${hostname}: it resolves to the non-public address ${refused.address} (use --allow-private to allow private, loopback and link-local addresses)`,
        ) as NodeJS.ErrnoException;
        e.code = 'EPRIVATEADDRESS';
        return callback(e, '', 4);
      }
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

export async function fetchUrl(url: string, options: FetchOptions = {}): Promise<Fetched> {
  const maxRedirects = options.maxRedirects ?? 5;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  // The whole fetch, redirects included, has timeoutMs: a server sending a byte now and then
  // never lets a socket go idle, and would otherwise hold an ingest for as long as it likes.
  const deadline = Date.now() + timeoutMs;
  let current = url;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    let parsed: URL;
    try {
      parsed = new URL(current);
    } catch {
      throw new Error(`not a valid URL: ${current}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`only http and https URLs can be fetched, not ${parsed.protocol}`);
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    if (ipaddr.isValid(host) && !options.allowPrivate && !isPublicAddress(host)) {
      throw new Error(`refused to fetch ${current}: ${host} is not a public address (use --allow-private to allow it)`);
    }
    const res = await request(parsed, { timeoutMs, deadline, maxBytes, allowPrivate: options.allowPrivate ?? false, userAgent: options.userAgent ?? USER_AGENT });
    if (res.status >= 300 && res.status < 400 && res.location) {
      current = new URL(res.location, parsed).toString();
      continue;
    }
    if (res.status >= 400) throw new Error(`${current} answered HTTP ${res.status}`);
    return { url: current, status: res.status, contentType: res.contentType, bytes: res.bytes };
  }
  throw new Error(`${url}: more than ${maxRedirects} redirects`);
}

function request(
  url: URL,
  o: { timeoutMs: number; deadline: number; maxBytes: number; allowPrivate: boolean; userAgent: string },
): Promise<{ status: number; location?: string; contentType: string | null; bytes: Uint8Array }> {
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.get(
      url,
      {
        headers: { 'user-agent': o.userAgent, accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5' },
        lookup: guardedLookup(o.allowPrivate),
        timeout: o.timeoutMs,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          resolve({ status, location: res.headers.location, contentType: null, bytes: new Uint8Array() });
          return;
        }
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > o.maxBytes) {
          req.destroy();
          reject(new Error(`${url}: the response is ${formatBytes(declared)}, over the ${formatBytes(o.maxBytes)} limit (raise it with --max-bytes)`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > o.maxBytes) {
            req.destroy();
            reject(new Error(`${url}: the response is over the ${formatBytes(o.maxBytes)} limit (raise it with --max-bytes)`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => resolve({ status, contentType: res.headers['content-type'] ?? null, bytes: new Uint8Array(Buffer.concat(chunks)) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${o.timeoutMs} ms`)));
    const late = setTimeout(() => req.destroy(new Error(`not answered in full within ${o.timeoutMs} ms`)), Math.max(0, o.deadline - Date.now()));
    req.on('close', () => clearTimeout(late));
    req.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EPRIVATEADDRESS' ? e : new Error(`${url}: ${e.message}`)));
  });
}

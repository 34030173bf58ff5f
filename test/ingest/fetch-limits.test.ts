// The fetcher against hostile servers and addresses (code review 11 F5): the time limit was the
// socket's idle timeout only, so a server sending a little now and then held a fetch as long as it
// liked; an IPv4-compatible IPv6 address (::127.0.0.1) counted as public. And F8: a gzip-compressed
// response was decompressed up to 256 MB whatever --max-bytes said (190 KB made 200 MB of text).
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl, isPublicAddress, readSources } from '../../src/ingest/index.js';

describe('fetch limits', () => {
  let server: Server;
  let base = '';
  const timers = new Set<NodeJS.Timeout>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/slow-page') {
        // a page trickled out a paragraph every 100 ms for 6 s: never idle for the 1 s timeout
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.write('<!DOCTYPE html><html><head><title>Council meets</title></head><body>');
        let sent = 0;
        const timer = setInterval(() => {
          if (res.destroyed || ++sent > 60) {
            clearInterval(timer);
            timers.delete(timer);
            if (!res.destroyed) res.end('</body></html>');
            return;
          }
          res.write('<p>The council met on Monday to discuss the budget for the coming year.</p>');
        }, 100);
        timers.add(timer);
      } else if (req.url === '/bomb.html' || req.url === '/small.html') {
        const page = req.url === '/small.html' ? '<!DOCTYPE html><html><body><p>The council met on Monday to discuss the budget.</p></body></html>' : '<p>' + ' '.repeat(30 * 1024 * 1024);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(gzipSync(page));
      } else if (req.url === '/slow-redirect') {
        setTimeout(() => {
          res.writeHead(302, { location: '/slow-page' });
          res.end();
        }, 600);
      } else {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!DOCTYPE html><html><body><p>The council met on Monday to discuss the budget.</p></body></html>');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => {
    for (const t of timers) clearInterval(t);
    server.closeAllConnections();
    server.close();
  });

  it('gives up on a page trickled out past the timeout, naming the URL and the limit', async () => {
    const t0 = Date.now();
    await expect(fetchUrl(`${base}/slow-page`, { allowPrivate: true, timeoutMs: 1000 })).rejects.toThrow(`${base}/slow-page: not answered in full within 1000 ms`);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(950);
    expect(took).toBeLessThan(3000);
  });

  it('counts the redirects in the time allowed, and reports the failure as the input’s error', async () => {
    const t0 = Date.now();
    const sources = [];
    for await (const s of readSources([`${base}/slow-redirect`], { allowPrivate: true, timeoutMs: 1000 })) sources.push(s);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(sources[0]!.items).toEqual([]);
    expect(sources[0]!.errors[0]!.message).toMatch(/slow-page: not answered in full within 1000 ms$/);
  });

  it('still fetches a page that answers in time', async () => {
    const page = await fetchUrl(`${base}/fine`, { allowPrivate: true, timeoutMs: 1000 });
    expect(new TextDecoder().decode(page.bytes)).toContain('The council met');
  });

  it('holds a gzip-compressed response to --max-bytes once decompressed, and still reads a small one', async () => {
    const read = async (path: string) => {
      const sources = [];
      for await (const s of readSources([`${base}${path}`], { allowPrivate: true, maxBytes: 5 * 1024 * 1024 })) sources.push(s);
      return sources[0]!;
    };
    const t0 = process.cpuUsage();
    const bomb = await read('/bomb.html');
    const cpu = process.cpuUsage(t0);
    expect(bomb.items).toEqual([]);
    expect(bomb.errors[0]!.message).toBe('this gzip-compressed response decompresses to over the 5 MB limit (--max-bytes)');
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(300);
    const small = await read('/small.html');
    expect(small.errors).toEqual([]);
    expect(small.items[0]!.html).toContain('The council met');
  });

  it('takes no IPv6 form of a loopback or private IPv4 address for a public one', () => {
    for (const address of ['::127.0.0.1', '::7f00:1', '::10.0.0.1', '::ffff:127.0.0.1', '::ffff:169.254.169.254', '64:ff9b::7f00:1', '2002:7f00:1::', '::1', '::', 'fe80::1', 'fc00::1']) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34']) expect(isPublicAddress(address), address).toBe(true);
  });
});

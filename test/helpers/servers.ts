// Real servers for tests that talk HTTP: `storyline serve` as a child process, and a slow news site
// serving T17 pages as HTML (an ingest that fetches them takes a while).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLI, ROOT, type T17Article } from './paths.js';

export interface RunningServe {
  child: ChildProcess;
  url: string;
}

/** Starts `storyline serve ARGS` and resolves once it prints its address. */
export async function startServe(args: string[], timeoutMs = 60_000): Promise<RunningServe> {
  const child = spawn(process.execPath, [...CLI, 'serve', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${stderr}`)), timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const at = /at (http:\/\/\S+)/.exec(stdout);
      if (at && stdout.includes('Ctrl-C to stop')) {
        clearTimeout(timer);
        resolve(at[1]!);
      }
    });
  });
  return { child, url };
}

/** Stops a child process and waits for it to exit. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('close', resolve)));
}

/** A news site on 127.0.0.1 whose page `/news/N` is `pages[N]` as HTML, answered after `delayMs`. */
export async function slowNewsSite(pages: T17Article[], delayMs = 2000): Promise<{ site: Server; url: string }> {
  const site = createServer((req, res) => {
    const page = pages[Number(/\/news\/(\d+)$/.exec(req.url ?? '')?.[1] ?? 0)]!;
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const paragraphs = page.text!.split('\n').filter((l) => l.trim()).map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`);
      res.end(`<!doctype html><html><head><title>Oil spill, day ${page.published}</title><meta property="article:published_time" content="${page.published}"></head><body><article>${paragraphs.join('')}</article></body></html>`);
    }, delayMs);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  return { site, url: `http://127.0.0.1:${(site.address() as AddressInfo).port}` };
}

/** Nine short wire stories on unrelated topics: none is a near-duplicate of another. */
export const WIRE_STORIES = [
  'The council approved the budget for the new bridge over the river after a long debate about its cost, the mayor said. Work will start in spring.',
  'Storm damage closed the harbour road and the port authority said repairs would take a week. Ferries were cancelled and fishing boats stayed in port.',
  'The school reopened after the floods, and the head teacher said lessons would resume in the old building by the end of the month.',
  'Farmers protested outside parliament against the new water charges, blocking traffic with tractors for most of the afternoon.',
  'The hospital opened a new cancer ward funded by a local charity, which raised the money over three years of fun runs and bake sales.',
  'Police arrested two men after a jewellery shop in the high street was robbed at knifepoint shortly before closing time.',
  'The football club appointed a new manager after a run of eleven defeats left the team bottom of the league table.',
  'Rail passengers faced delays after a signal failure near the central station, and the operator said trains would run hourly.',
  'The museum will return a bronze statue to Nigeria, more than a century after it was taken by soldiers, its director announced.',
];

// Static assets of the web UI, loaded once into memory: our stylesheet and script (next to this
// module in src/ and, after the build, in dist/) and uPlot from node_modules. URLs carry a content
// hash so browsers may cache them forever.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export interface Asset {
  path: string;
  body: Buffer;
  type: string;
  hash: string;
}

const require = createRequire(import.meta.url);

function load(path: string, file: string, type: string): Asset {
  const body = readFileSync(file);
  return { path, body, type, hash: createHash('sha1').update(body).digest('hex').slice(0, 10) };
}

export function loadAssets(): Map<string, Asset> {
  const here = (name: string) => fileURLToPath(new URL(`./web/assets/${name}`, import.meta.url));
  const list = [
    load('/assets/app.css', here('app.css'), 'text/css; charset=utf-8'),
    load('/assets/app.js', here('app.js'), 'text/javascript; charset=utf-8'),
    load('/assets/uplot.js', require.resolve('uplot/dist/uPlot.iife.min.js'), 'text/javascript; charset=utf-8'),
    load('/assets/uplot.css', require.resolve('uplot/dist/uPlot.min.css'), 'text/css; charset=utf-8'),
  ];
  return new Map(list.map((a) => [a.path, a]));
}

/** The versioned URL of an asset, e.g. `/assets/app.css?v=1a2b3c4d5e`. */
export function assetUrl(assets: Map<string, Asset>, path: string): string {
  const a = assets.get(path);
  return a ? `${a.path}?v=${a.hash}` : path;
}

// Copies non-TypeScript assets (web styles, client scripts, SQL) from src/ to dist/ after tsc.
import { cpSync, existsSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, extname, dirname } from 'node:path';

const ASSET_EXTENSIONS = new Set(['.css', '.js', '.sql', '.json', '.svg', '.ico', '.txt']);

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (ASSET_EXTENSIONS.has(extname(name))) {
      const target = join('dist', path.slice('src/'.length));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(path, target);
    }
  }
}
if (existsSync('src')) walk('src');

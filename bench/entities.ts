// bench/entities: corpus entities as a user sees them after `storyline ingest`, on two Timeline17
// mixes stored article by article: H1N1 (BBC, Guardian, Reuters) + the Washington Post's financial
// crisis (review 4), and the BP oil spill from five outlets (review 5). For a handful of
// organisations and places that the texts name in several ways it prints how many corpus entities
// carry them (1 is right), and it lists the most named "people" so that non-people among them can be
// counted by eye. The names below are what the reviews checked — a measurement, not product rules.
// Usage: npm run bench:entities [-- --only h1n1finan|bpoil]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openStore } from '../src/store/index.js';
import { ingestDocuments } from '../src/pipeline.js';
import type { CorpusEntity } from '../src/store/store.js';
import type { RawDoc } from '../src/types.js';

const T17 = fileURLToPath(new URL('../../shared/data/t17/', import.meta.url));
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;

const MIXES: { name: string; folders: string[]; probes: Record<string, RegExp> }[] = [
  {
    name: 'h1n1finan',
    folders: ['H1N1_bbc', 'H1N1_guardian', 'H1N1_reuters', 'Finan_washingtonpost'],
    probes: {
      'CDC (US Centers for Disease Control)': /^(?:(?:U\.?S\.? )?Cent(?:er|re)s for Disease Control(?: and Prevention)?|CDC)$/i,
      WHO: /^(?:World Health Organi[sz]ation|WHO)$/,
      Lehman: /^Lehman(?: Brothers)?(?: Holdings)?(?: Inc\.?)?$/,
      'Fannie Mae': /^Fannie Mae$/,
      'General Motors': /^(?:General )?Motors(?: Corp)?$/,
      God: /^God$/i,
    },
  },
  {
    name: 'bpoil',
    folders: ['bpoil_bbc', 'bpoil_foxnews', 'bpoil_guardian', 'bpoil_reuters', 'bpoil_washingtonpost'],
    probes: {
      'Gulf of Mexico': /^Gulf of Mexico$/,
      NOAA: /^(?:National Oceanic(?: and Atmospheric Administration)?|NOAA)$/,
      'BP / British Petroleum': /^(?:BP(?: Plc| PLC)?|British Petroleum)$/,
      'Deepwater Horizon': /^Deepwater Horizon$/,
      'Thad Allen': /^(?:Adm\.? |Admiral )?Thad Allen$/,
      '"Gulf" alone': /^Gulf$/,
      Transocean: /^Transocean(?: Ltd)?$/,
      'Tropical Storm Alex': /^(?:(?:Tropical )?Storm |Hurricane )?Alex$/,
      God: /^God$/i,
    },
  },
];

for (const mix of MIXES) {
  if (only && only !== mix.name) continue;
  const docs: RawDoc[] = [];
  for (const folder of mix.folders) {
    const lines = readFileSync(join(T17, folder, 'articles.jsonl'), 'utf8').trim().split('\n');
    lines.forEach((line, i) => {
      const r = JSON.parse(line) as { id: string; published: string; text: string };
      docs.push({ origin: `${folder}/articles.jsonl:${i + 1}`, id: `${folder}-${r.id}`, text: r.text, published: r.published, source: folder.split('_')[1] });
    });
  }
  docs.sort((a, b) => (a.published ?? '').localeCompare(b.published ?? ''));
  const dir = mkdtempSync(join(tmpdir(), 'storyline-bench-entities-'));
  const store = openStore(join(dir, 'bench.db'));
  const cpu0 = process.cpuUsage();
  // one batch per day's articles, as a daily feed would arrive
  async function* byDay() {
    let day: RawDoc[] = [];
    for (const d of docs) {
      if (day.length && day[0]!.published!.slice(0, 10) !== d.published!.slice(0, 10)) {
        yield { items: day, errors: [] };
        day = [];
      }
      day.push(d);
    }
    if (day.length) yield { items: day, errors: [] };
  }
  const report = await ingestDocuments(store, byDay());
  const used = process.cpuUsage(cpu0);
  const entities = store.listEntities({ limit: 100_000 });
  store.close();
  rmSync(dir, { recursive: true, force: true });
  const names = (e: CorpusEntity) => [e.name, ...e.aliases];
  console.log(`${mix.name}: ${report.stored} articles stored (${mix.folders.join(', ')}), ${entities.length} entities, ${((used.user + used.system) / 1e3 / report.stored).toFixed(1)} ms CPU per article`);
  for (const [label, re] of Object.entries(mix.probes)) {
    const hits = entities.filter((e) => names(e).some((n) => re.test(n))).sort((a, b) => b.articleIds.length - a.articleIds.length);
    console.log(`  ${label}: ${hits.length} entit${hits.length === 1 ? 'y' : 'ies'} — ${hits.slice(0, 5).map((e) => `${e.type} "${e.name}" ${e.articleIds.length} art.`).join('; ')}`);
  }
  const people = entities.filter((e) => e.type === 'person').sort((a, b) => b.articleIds.length - a.articleIds.length).slice(0, 50);
  console.log(`  top 50 people: ${people.map((e) => e.name).join(' · ')}`);
}

// The search filters' and facets' columns of every article, held in memory and indexed by FTS rowid,
// so filtering and counting thousands of matches is an array lookup per match instead of a table
// join per match. Rebuilt from article_facets when the data version changes.
import type Database from 'better-sqlite3';
import { foldName } from './tokens.js';

export interface FacetFilter {
  duplicates?: boolean;
  /** The outlet, in any case and accents ("bbc" selects BBC). */
  source?: string;
  from?: string;
  to?: string;
  storyId?: string;
  /** Only these rowids (an entity's articles). */
  rids?: Set<number>;
}

export class FacetColumns {
  /** Index into `sources`, per rowid; -1 where no article has that rowid. */
  private readonly sourceOf: Int32Array;
  /** Index into `months` (-1: no date), per rowid. */
  private readonly monthOf: Int32Array;
  private readonly duplicate: Uint8Array;
  private readonly published: (string | null)[];
  private readonly storyOf: (string | null)[];
  /** Article id → rowid, read on the first entity filter. */
  private ridOf: Map<string, number> | null = null;
  private readonly db: Database.Database;
  private readonly maxRid: number;
  readonly sources: (string | null)[] = [];
  /** `sources` folded (foldName), to compare with a source filter. */
  private readonly sourceKeys: (string | null)[] = [];
  /** The last source filter and its folded form (a search asks once per match). */
  private sourceFilter: [string, string] = ['', ''];
  readonly months: string[] = [];

  constructor(db: Database.Database) {
    const maxRid = Number(db.prepare('SELECT coalesce(max(rid), 0) FROM article_facets').pluck().get());
    this.sourceOf = new Int32Array(maxRid + 1).fill(-1);
    this.monthOf = new Int32Array(maxRid + 1).fill(-1);
    this.duplicate = new Uint8Array(maxRid + 1);
    this.published = new Array<string | null>(maxRid + 1).fill(null);
    this.storyOf = new Array<string | null>(maxRid + 1).fill(null);
    const sourceIndex = new Map<string | null, number>();
    const monthIndex = new Map<string, number>();
    // No condition on rid, so SQLite reads the covering index article_facets_filters, not the wide rows.
    const rows = db.prepare('SELECT rid, source, published, duplicate_of IS NOT NULL, story_id FROM article_facets').raw().all() as [
      number,
      string | null,
      string | null,
      number,
      string | null,
    ][];
    for (const [rid, source, published, duplicate, story] of rows) {
      if (rid > maxRid) continue;
      let s = sourceIndex.get(source);
      if (s === undefined) {
        sourceIndex.set(source, (s = this.sources.length));
        this.sources.push(source);
        this.sourceKeys.push(source === null ? null : foldName(source));
      }
      this.sourceOf[rid] = s;
      if (published) {
        const month = published.slice(0, 7);
        let m = monthIndex.get(month);
        if (m === undefined) {
          monthIndex.set(month, (m = this.months.length));
          this.months.push(month);
        }
        this.monthOf[rid] = m;
      }
      this.published[rid] = published;
      this.duplicate[rid] = duplicate ? 1 : 0;
      this.storyOf[rid] = story;
    }
    this.db = db;
    this.maxRid = maxRid;
  }

  /** The rowids of these article ids (those in this snapshot). */
  rowids(ids: string[]): Set<number> {
    this.ridOf ??= new Map(this.db.prepare('SELECT id, rid FROM article_facets WHERE rid <= ?').raw().all(this.maxRid) as [string, number][]);
    const out = new Set<number>();
    for (const id of ids) {
      const rid = this.ridOf.get(id);
      if (rid !== undefined) out.add(rid);
    }
    return out;
  }

  /** Whether the filters select nothing but non-duplicates (the cheap, common case). */
  static onlyDuplicates(filter: FacetFilter): boolean {
    return !filter.source && !filter.from && !filter.to && !filter.storyId && !filter.rids;
  }

  /** Whether the article with this rowid exists (in this snapshot) and passes the filters. */
  passes(rid: number, filter: FacetFilter): boolean {
    if (rid >= this.sourceOf.length || this.sourceOf[rid]! < 0) return false;
    if (!filter.duplicates && this.duplicate[rid]) return false;
    if (filter.source !== undefined && this.sourceKeys[this.sourceOf[rid]!] !== this.sourceKey(filter.source)) return false;
    if (filter.from !== undefined || filter.to !== undefined) {
      const p = this.published[rid];
      if (!p || (filter.from !== undefined && p < filter.from) || (filter.to !== undefined && p > filter.to + '\uffff')) return false;
    }
    if (filter.storyId !== undefined && this.storyOf[rid] !== filter.storyId) return false;
    if (filter.rids && !filter.rids.has(rid)) return false;
    return true;
  }

  private sourceKey(name: string): string {
    if (this.sourceFilter[0] !== name) this.sourceFilter = [name, foldName(name)];
    return this.sourceFilter[1];
  }

  /** Counts of the rowids by source and by month. */
  count(rids: number[]): { sources: Map<string | null, number>; months: Map<string, number> } {
    const bySource = new Int32Array(this.sources.length);
    const byMonth = new Int32Array(this.months.length);
    for (const rid of rids) {
      bySource[this.sourceOf[rid]!]!++;
      const m = this.monthOf[rid]!;
      if (m >= 0) byMonth[m]!++;
    }
    const sources = new Map<string | null, number>();
    bySource.forEach((n, i) => n && sources.set(this.sources[i]!, n));
    const months = new Map<string, number>();
    byMonth.forEach((n, i) => n && months.set(this.months[i]!, n));
    return { sources, months };
  }
}

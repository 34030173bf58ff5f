import type { Command } from 'commander';
import { writeFileSync, renameSync } from 'node:fs';
import { buildExport, renderExport, EXPORT_FORMATS, type CsvTable, type ExportFormat } from '../../export.js';
import { addDbOption, withStore } from '../store-option.js';
import { exitQuietlyOnClosedPipe } from '../batch.js';

export function registerExport(program: Command): void {
  addDbOption(program.command('export').description('export articles, entities, quotes and stories (contract: docs/export.md)'))
    .option('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`, 'json')
    .option('--story <id>', 'only this story and its articles')
    .option('--table <table>', 'for csv: timeline | articles | entities | quotes', 'timeline')
    .option('-o, --output <file>', 'write to a file (atomically) instead of stdout')
    .action((flags: { db?: string; format: string; story?: string; table: string; output?: string }) =>
      withStore(flags, 'read', (store) => {
        if (!EXPORT_FORMATS.includes(flags.format as ExportFormat)) throw new Error(`unknown --format "${flags.format}": use ${EXPORT_FORMATS.join(', ')}`);
        if (!['timeline', 'articles', 'entities', 'quotes'].includes(flags.table)) throw new Error(`unknown --table "${flags.table}": use timeline, articles, entities or quotes`);
        const text = renderExport(buildExport(store, { storyId: flags.story }), flags.format as ExportFormat, { table: flags.table as CsvTable });
        if (flags.output) {
          const tmp = `${flags.output}.tmp-${process.pid}`;
          writeFileSync(tmp, text);
          renameSync(tmp, flags.output);
        } else {
          exitQuietlyOnClosedPipe(process.stdout);
          process.stdout.write(text);
        }
      }),
    );
}

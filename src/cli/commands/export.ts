import type { Command } from 'commander';
import { writeFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildExport, renderExport, EXPORT_FORMATS, type CsvTable, type ExportFormat } from '../../export.js';
import { addDbOption, withStore } from '../store-option.js';
import { exitQuietlyOnClosedPipe } from '../batch.js';

export function registerExport(program: Command): void {
  addDbOption(program.command('export').description('export articles, entities, quotes and stories (contract: docs/export.md)'))
    .option('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`, 'json')
    .option('--story <id>', 'only this story and its articles')
    .option('--table <table>', 'for csv: timeline | articles | entities | quotes', 'timeline')
    .option('--bom', 'for csv: start with a UTF-8 byte-order mark, so that Excel reads the file as UTF-8')
    .option('-o, --output <file>', 'write to a file (atomically) instead of stdout')
    .action((flags: { db?: string; format: string; story?: string; table: string; bom?: boolean; output?: string }) =>
      withStore(flags, 'read', (store) => {
        if (!EXPORT_FORMATS.includes(flags.format as ExportFormat)) throw new Error(`unknown --format "${flags.format}": use ${EXPORT_FORMATS.join(', ')}`);
        if (!['timeline', 'articles', 'entities', 'quotes'].includes(flags.table)) throw new Error(`unknown --table "${flags.table}": use timeline, articles, entities or quotes`);
        const text = renderExport(buildExport(store, { storyId: flags.story }), flags.format as ExportFormat, { table: flags.table as CsvTable, bom: flags.bom === true });
        if (flags.output) {
          writeAtomically(flags.output, text);
        } else {
          exitQuietlyOnClosedPipe(process.stdout);
          process.stdout.write(text);
        }
      }),
    );
}

/**
 * Writes through a temporary file beside the output, renamed into place: a reader never sees half a
 * file. Errors name the output the user asked for (or its missing directory), never the temporary name.
 */
export function writeAtomically(output: string, text: string): void {
  const dir = dirname(resolve(output));
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new Error(`cannot write ${output}: the directory ${dir} does not exist`);
  }
  if (!isDir) throw new Error(`cannot write ${output}: ${dir} is not a directory`);
  const tmp = `${output}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, output);
  } catch (e) {
    rmSync(tmp, { force: true });
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EACCES' || err.code === 'EPERM' ? `no permission to write in ${dir}` : err.code === 'EISDIR' ? `${output} is a directory` : err.code === 'ENOSPC' ? 'the disk is full' : err.message.replaceAll(tmp, output);
    throw new Error(`cannot write ${output}: ${why}`);
  }
}

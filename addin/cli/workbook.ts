/**
 * What `sync` and `report` share around their core call: open the input .xlsx, say what of it the copy will not
 * keep (refusing --in-place then, unless --force, before any backend is contacted), refuse to replace an
 * output that is not this tool's untouched copy (written-copies.ts; --force overrides), start (or name) the
 * backend, run, save to the output (beside the input unless --out/--in-place), remember what was written, and
 * always stop an embedded backend.
 */
import type { Message } from '../../contract';
import type { ApiTarget } from '../app';
import type { UnkeptPart, XlsxGateway } from '../xlsx';
import { openXlsx, saveXlsx } from '../xlsx/file';
import { dataDirOf } from '../../infra/local/data-dir';
import { inputAndOutput, unreadableFile } from './args';
import { prepareBackend, type Backend } from './backend';
import { dataFolderMessage } from './data-folder';
import { heapForLedger } from './heap';
import type { Lang } from './i18n';
import type { WorkbookTarget } from './target';
import { inPlaceRefusal, unkeptWarning } from './unkept';
import { refuseForeignOutput, rememberOutput } from './written-copies';

export interface WorkbookCopy<T> {
  out: string;
  result: T;
  /** What the output lacks of the input (empty when nothing), and the warning that said so. */
  unkept: readonly UnkeptPart[];
  unkeptWarning: Message | null;
}

export async function onWorkbookCopy<T>(
  command: 'sync' | 'report',
  o: WorkbookTarget,
  suffix: string,
  warn: (message: Message) => void,
  run: (gateway: XlsxGateway, api: ApiTarget, input: string) => Promise<T>,
): Promise<WorkbookCopy<T>> {
  const { input, out, inputBytes } = inputAndOutput(o, suffix);
  const heapBack = heapForLedger(inputBytes);
  // The record lives in the data folder even for --api: it is about this machine's files, not the backend's data.
  const recordDir = dataDirOf(o.data);
  // Begun before the workbook is read (the embedded stack's storage engine loads meanwhile, opening nothing), opened
  // once the file is read and the checks passed: a file refused or unreadable leaves no data folder behind.
  const pending = prepareBackend(o);
  let backend: Backend | undefined;
  try {
    const gateway = await openXlsx(input).catch((e: unknown) => {
      // A system error reading the file (permission, in use); a GatewayError (not a workbook) passes as it is.
      throw (e as NodeJS.ErrnoException).syscall ? unreadableFile(input, e) : e;
    });
    const { unkept } = gateway;
    if (unkept.length && o.inPlace && !o.force) throw inPlaceRefusal(unkept);
    if (!o.inPlace && !o.force) refuseForeignOutput(command, out, recordDir);
    const warning = unkeptWarning(unkept, o.inPlace ?? false);
    if (warning) warn(warning);
    backend = await pending.open();
    if (backend.dataDir) warn(dataFolderMessage(backend.dataDir));
    const result = await run(gateway, backend.api, input);
    const written = await saveXlsx(gateway, out);
    try {
      rememberOutput(out, written, recordDir);
    } catch (e) {
      // The copy is written and the sync stored; only the next run's silent replace is lost (it will ask instead).
      warn({ zh: `未能记录写出的文件（${(e as Error).message}），下次写到同一文件时需加 --force`, en: `Could not record the file written (${(e as Error).message}); writing to it again will need --force` });
    }
    return { out, result, unkept, unkeptWarning: warning };
  } finally {
    heapBack();
    await (backend ? backend.close() : pending.discard());
  }
}

/** Prints a warning in the operator's language on stderr (stdout stays the summary or the JSON). */
export const warnOn = (stderr: NodeJS.WritableStream, lang: Lang) => (message: Message): void => void stderr.write(`${message[lang]}\n`);

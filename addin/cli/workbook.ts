/**
 * What `sync` and `report` share around their core call: open the input .xlsx, say what of it the copy will not
 * keep (refusing --in-place then, unless --force, before any backend is contacted), start (or name) the backend,
 * run, save to the output (beside the input unless --out/--in-place), and always stop an embedded backend.
 */
import type { Message } from '../../contract';
import type { ApiTarget } from '../app';
import type { UnkeptPart, XlsxGateway } from '../xlsx';
import { openXlsx, saveXlsx } from '../xlsx/file';
import { inputAndOutput, unreadableFile } from './args';
import { openBackend } from './backend';
import type { Lang } from './i18n';
import type { WorkbookTarget } from './target';
import { inPlaceRefusal, unkeptWarning } from './unkept';

export interface WorkbookCopy<T> {
  out: string;
  result: T;
  /** What the output lacks of the input (empty when nothing), and the warning that said so. */
  unkept: readonly UnkeptPart[];
  unkeptWarning: Message | null;
}

export async function onWorkbookCopy<T>(
  o: WorkbookTarget,
  suffix: string,
  warn: (message: Message) => void,
  run: (gateway: XlsxGateway, api: ApiTarget, input: string) => Promise<T>,
): Promise<WorkbookCopy<T>> {
  const { input, out } = inputAndOutput(o, suffix);
  const gateway = await openXlsx(input).catch((e: unknown) => {
    // A system error reading the file (permission, in use); a GatewayError (not a workbook) passes as it is.
    throw (e as NodeJS.ErrnoException).syscall ? unreadableFile(input, e) : e;
  });
  const { unkept } = gateway;
  if (unkept.length && o.inPlace && !o.force) throw inPlaceRefusal(unkept);
  const warning = unkeptWarning(unkept, o.inPlace ?? false);
  if (warning) warn(warning);
  const backend = await openBackend(o);
  if (backend.dataDir) warn({ zh: `数据目录：${backend.dataDir}`, en: `Data folder: ${backend.dataDir}` });
  try {
    const result = await run(gateway, backend.api, input);
    await saveXlsx(gateway, out);
    return { out, result, unkept, unkeptWarning: warning };
  } finally {
    await backend.close();
  }
}

/** Prints a warning in the operator's language on stderr (stdout stays the summary or the JSON). */
export const warnOn = (stderr: NodeJS.WritableStream, lang: Lang) => (message: Message): void => void stderr.write(`${message[lang]}\n`);

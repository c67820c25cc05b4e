/**
 * What `sync` and `report` share around their core call: open the input .xlsx, start (or name) the backend,
 * run, save to the output (beside the input unless --out/--in-place), and always stop an embedded backend.
 */
import type { ApiTarget } from '../core';
import type { XlsxGateway } from '../xlsx';
import { openXlsx, saveXlsx } from '../xlsx/file';
import { inputAndOutput } from './args';
import { openBackend, type BackendChoice } from './backend';

export interface WorkbookTarget extends BackendChoice {
  input: string;
  out?: string;
  inPlace?: boolean;
}

export async function onWorkbookCopy<T>(
  o: WorkbookTarget,
  suffix: string,
  run: (gateway: XlsxGateway, api: ApiTarget, input: string) => Promise<T>,
): Promise<{ out: string; result: T }> {
  const { input, out } = inputAndOutput(o, suffix);
  const gateway = await openXlsx(input);
  const backend = await openBackend(o);
  try {
    const result = await run(gateway, backend.api, input);
    await saveXlsx(gateway, out);
    return { out, result };
  } finally {
    await backend.close();
  }
}

/**
 * `invest-flags sample <out.xlsx> [--force]`: writes a realistic ledger (sample.ts builds it) under an .xlsx name only;
 * an existing file is replaced only with --force.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { XlsxGateway } from '../xlsx';
import { saveXlsx } from '../xlsx/file';
import { EXIT, isoDate, positiveInt, RefusedError, UsageError } from './args';
import { detectLang } from './i18n';
import type { Io } from './io';
import { buildSample } from './sample';

/** Today on this machine's calendar (the clerk's, in the county), not UTC's: before 08:00 in China UTC is still yesterday. */
const today = () => new Date().toLocaleDateString('sv-SE');

export async function sample(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { projects: { type: 'string' }, seed: { type: 'string' }, 'as-of': { type: 'string' }, messy: { type: 'boolean' }, force: { type: 'boolean' } } });
  if (positionals.length !== 1) throw new UsageError('sample 需要一个输出文件名', 'sample needs one output file');
  const out = resolve(positionals[0]!);
  // The content is an .xlsx workbook: under another extension Excel and WPS would open it as something else, or refuse.
  if (extname(out).toLowerCase() !== '.xlsx') {
    const named = join(dirname(out), `${basename(out, extname(out))}.xlsx`);
    throw new RefusedError({
      zh: `未生成：sample 写出的是 .xlsx 工作簿，文件名须以 .xlsx 结尾（${out}）。请改用 ${named} 这样的名称。`,
      en: `Not written: sample writes an .xlsx workbook, so the file name must end in .xlsx (${out}). Use a name such as ${named}.`,
    });
  }
  if (existsSync(out) && !values.force) {
    throw new RefusedError({
      zh: `未覆盖：${out} 已存在。请换一个文件名，或加 --force 替换它。`,
      en: `Not overwritten: ${out} exists. Choose another name, or add --force to replace it.`,
    });
  }
  const wb = await buildSample({
    projects: positiveInt(values.projects, '--projects', 60),
    seed: positiveInt(values.seed, '--seed', 2026),
    asOf: isoDate(values['as-of'], '--as-of') ?? today(),
    messy: values.messy ?? false,
  });
  await mkdir(dirname(out), { recursive: true });
  await saveXlsx(XlsxGateway.of(wb), out);
  io.stderr.write(`${detectLang(io.env) === 'zh' ? '已生成' : 'Wrote'} ${out}\n`);
  return EXIT.ok;
}

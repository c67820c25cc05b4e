/**
 * What the command line says about parts of the input ExcelJS will not write back (addin/xlsx/unkept.ts): a
 * warning before a copy is written, and the refusal to overwrite the input with --in-place unless --force.
 */
import type { Message } from '../../contract';
import { describeUnkept, unkeptNotice, type UnkeptPart } from '../xlsx';
import { RefusedError } from './args';

export function inPlaceRefusal(parts: readonly UnkeptPart[]): RefusedError {
  const what = describeUnkept(parts);
  return new RefusedError({
    zh: `未覆盖：此文件中的 ${what.zh}在写回的文件中不会保留，加 --in-place 覆盖原文件会丢失它们。请用 --out <文件> 另存为新文件，或加 --force 仍然覆盖。原文件未改动。`,
    en: `Not overwritten: this file's ${what.en} would not be kept, so --in-place would lose them. Write a new file with --out <file>, or add --force to overwrite anyway. The original file is unchanged.`,
  });
}

/** The warning printed before writing (and put in --json output); null when nothing is lost. */
export function unkeptWarning(parts: readonly UnkeptPart[], overwrite: boolean): Message | null {
  if (!parts.length) return null;
  if (!overwrite) return unkeptNotice(parts);
  const what = describeUnkept(parts);
  return {
    zh: `此文件中的 ${what.zh}在输出文件中不会保留；已加 --force，原文件将被覆盖，它们会丢失。`,
    en: `This file's ${what.en} will not be kept in the output; with --force the original file is overwritten and they are lost.`,
  };
}

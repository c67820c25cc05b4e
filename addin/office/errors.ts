/** Office.js errors → GatewayError with text a clerk can act on (zh-CN and en-US). */
import { GatewayError } from '../core/gateway';

export function sheetMissing(sheet: string): GatewayError {
  return new GatewayError(
    'sheet_missing',
    `找不到工作表“${sheet}”：读取后它被重命名或删除了。请重新同步，本次没有写入任何内容。`,
    `Worksheet "${sheet}" is gone: it was renamed or deleted after it was read. Please sync again; nothing was written.`,
    sheet,
  );
}

export function sheetProtected(sheet: string): GatewayError {
  return new GatewayError(
    'sheet_protected',
    `工作表“${sheet}”受保护，无法写入旗帜。请在“审阅”选项卡撤销工作表保护后再同步，本次没有写入任何内容。`,
    `Worksheet "${sheet}" is protected, so flags cannot be written. Unprotect it (Review tab) and sync again; nothing was written.`,
    sheet,
  );
}

/** The error code of an Office.js error ('' when there is none). */
export function officeCode(error: unknown): string {
  const e = error as { code?: string; debugInfo?: { code?: string } } | null;
  return e?.code ?? e?.debugInfo?.code ?? '';
}

/** A leader sheet to replace is protected with a password a person set: not the add-in's to lift. */
export function leaderSheetLocked(sheets: string[]): GatewayError {
  const names = sheets.map((s) => `“${s}”`).join('、');
  const en = sheets.map((s) => `"${s}"`).join(', ');
  return new GatewayError(
    'sheet_protected',
    `工作表${names}设有密码保护，无法刷新。请在“审阅”选项卡撤销工作表保护后再刷新，本次没有写入任何内容。`,
    `Worksheet ${en} is password-protected and cannot be refreshed. Unprotect it (Review tab) and refresh again; nothing was written.`,
    sheets[0],
  );
}

/** Maps an error Excel raised at context.sync(); `written` says whether earlier requests of this apply did write. */
export function fromOfficeError(error: unknown, written = false): GatewayError {
  if (error instanceof GatewayError) return error;
  const e = error as { message?: string } | null;
  const code = officeCode(error);
  const partly = written
    ? { zh: '部分内容已写入，请重新同步以补全。', en: 'Part of it was written; sync again to complete it.' }
    : { zh: '本次没有写入任何内容。', en: 'Nothing was written.' };
  switch (code) {
    case 'InvalidOperationInCellEditMode':
      return new GatewayError(
        'edit_mode',
        `Excel 正在编辑单元格。请按 Enter 或 Esc 结束编辑后再同步。${partly.zh}`,
        `Excel is editing a cell. Press Enter or Esc to finish editing, then sync again. ${partly.en}`,
      );
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
      return new GatewayError(
        'too_large',
        `一次请求的数据超过了 Excel 网页版 5 MB 的上限。${partly.zh}`,
        `A request exceeded the 5 MB limit of Excel on the web. ${partly.en}`,
      );
    case 'ItemNotFound':
      return new GatewayError(
        'sheet_missing',
        `找不到要写入的工作表（已被重命名或删除）。请重新同步。${partly.zh}`,
        `A worksheet to write to was renamed or deleted. Please sync again. ${partly.en}`,
      );
    case 'AccessDenied':
      return new GatewayError(
        'sheet_protected',
        `工作表受保护或工作簿为只读，无法写入。${partly.zh}`,
        `A worksheet is protected or the workbook is read-only. ${partly.en}`,
      );
    default:
      return new GatewayError(
        'unknown',
        `Excel 报错（${code || '未知'}）：${e?.message ?? String(error)}。${partly.zh}`,
        `Excel raised an error (${code || 'unknown'}): ${e?.message ?? String(error)}. ${partly.en}`,
      );
  }
}

/** "Go to cell" failed: say which cell, and what to do. Nothing is written by a selection, so no "written" part. */
export function selectFailed(error: unknown, sheet: string, address: string): GatewayError {
  const e = error as { message?: string } | null;
  const code = officeCode(error);
  const cell = `${sheet}!${address}`;
  switch (code) {
    case 'ItemNotFound':
      return new GatewayError(
        'sheet_missing',
        `找不到工作表“${sheet}”：同步后它被重命名或删除了，无法转到 ${cell}。请重新同步后再试。`,
        `Worksheet "${sheet}" is gone: it was renamed or deleted after the sync, so ${cell} cannot be shown. Sync again and retry.`,
        sheet,
      );
    case 'InvalidOperationInCellEditMode':
      return new GatewayError(
        'edit_mode',
        `Excel 正在编辑单元格，无法转到 ${cell}。请按 Enter 或 Esc 结束编辑后再点一次。`,
        `Excel is editing a cell, so ${cell} cannot be shown. Press Enter or Esc to finish editing, then click again.`,
        sheet,
      );
    case 'InvalidOperation':
      return new GatewayError(
        'unknown',
        `无法显示工作表“${sheet}”（可能已隐藏），无法转到 ${cell}。请取消隐藏该工作表后再点一次。`,
        `Worksheet "${sheet}" cannot be shown (it may be hidden), so ${cell} cannot be selected. Unhide it and click again.`,
        sheet,
      );
    default:
      return new GatewayError(
        'unknown',
        `无法转到 ${cell}：Excel 报错（${code || '未知'}）：${e?.message ?? String(error)}`,
        `Cannot go to ${cell}: Excel raised an error (${code || 'unknown'}): ${e?.message ?? String(error)}`,
        sheet,
      );
  }
}

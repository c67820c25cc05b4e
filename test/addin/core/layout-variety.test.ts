/** Issue 16: the stage column and stage values spelled as counties spell them; what is reported when nothing is found. */
import { extractRows, findLayouts, type SheetSnapshot } from '../../../addin/core';
import { oneSheetLedger } from '../../fixtures/county-ledgers';

const snap = (name: string, values: SheetSnapshot['values']): SheetSnapshot => ({ name, top: 1, left: 1, values: values.map((r) => r.map((v) => v ?? null)) });

describe('a one-sheet county ledger', () => {
  test.each(['所处阶段', '当前阶段', '进度阶段', '项目状态', '清单类别', 'ＳＴＡＧＥ'])('stage column headed %s, values 在谈/洽谈/储备/已签约/签约/在建/建设中/已投产/达产/终止', (header) => {
    const l = oneSheetLedger(header);
    const layouts = findLayouts([snap(l.name, l.rows)], {});
    expect(layouts.sheets).toHaveLength(1);
    const layout = layouts.sheets[0]!;
    expect(layout.stageCol).toBe(4);
    expect(layout.colOf.status).toBeUndefined(); // 项目状态 holding stages is the stage column, not the status field
    expect(layout.colOf.amount).toBe(3); // "总投资\n（亿元）": a line break and full-width brackets
    const rows = extractRows(layout).rows;
    expect(rows.map((r) => r.list)).toEqual(['clue', 'clue', 'clue', 'signed', 'signed', 'landed', 'landed', 'producing', 'producing', 'clue']);
    expect(rows.every((r) => r.issues.length === 0)).toBe(true);
    expect(rows[9]!.cells.status).toBe('终止'); // a given-up project is synced as such
  });

  test('an override names what cannot be guessed: a sheet as a list, a column as a field', () => {
    const sheets = [snap('表一', [['名目', '金额', '签约日'], ['甲项目', 3, '2026.3.5']])];
    expect(findLayouts(sheets, {}).sheets).toEqual([]);
    const layouts = findLayouts(sheets, { mapping: { 表一: 'signed' }, headerOverrides: { 表一: { A: 'name', B: 'amount', C: 'signedDate' } } });
    expect(layouts.sheets[0]).toMatchObject({ list: 'signed', colOf: { name: 1, amount: 2, signedDate: 3 } });
  });
});

describe('when no list is found, every sheet looked at says why it was not taken', () => {
  test('no header, no stage column, hidden, the add-in’s own sheets', () => {
    const layouts = findLayouts([
      snap('说明', [['本台账每周更新']]),
      snap('汇总', [['项目名称', '总投资', '所属单位'], ['甲', 1, '温水镇']]),
      { ...snap('旧表', [['项目名称', '阶段'], ['甲', '线索']]), visible: false },
      snap('领导看板', [['x']]),
    ], {});
    expect(layouts.sheets).toEqual([]);
    expect(layouts.looked.map((l) => [l.sheet, l.reason.zh])).toEqual([
      ['旧表', '隐藏的工作表'],
      ['领导看板', '本工具生成的领导报表'],
      ['说明', '名称不是清单名，前15行也没有可识别的表头'],
      ['汇总', '有表头，但名称不是清单名，也没有阶段列（表头含“阶段/清单”且内容为 在谈、已签约、在建、投产 等）'],
    ]);
  });

  test('a list sheet whose header cannot be read is reported as such', () => {
    const layouts = findLayouts([snap('签约项目', [['甲', 1], ['乙', 2]])], {});
    expect(layouts.headerless).toEqual(['签约项目']);
    expect(layouts.looked.map((l) => l.reason.en)).toEqual(['named as a list, but its header cannot be read']);
  });
});

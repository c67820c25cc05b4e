/**
 * 领导看板 section 十二 (issue 15): possible duplicates — pairs of projects that may be one project (one unit and
 * name, one name in two units, or near names in one unit), so a county can clean up what was doubled. Shown when
 * the dashboard carries them (Dashboard.duplicates, from the name index).
 */
import type { DuplicatePair } from '../../../contract';
import { table } from './common';
import type { Texts } from './text';
import type { SheetWriter } from './writer';

const TEXT = {
  zh: {
    title: '十二、疑似重复项目',
    kind: '类型',
    kinds: { same: '同单位同名', otherUnit: '不同单位同名', near: '同单位名称相近' } as Record<DuplicatePair['kind'], string>,
    a: '项目',
    b: '疑似同一项目',
    id: '编号',
    unit: '单位',
    none: '未发现疑似重复项目。',
    more: (n: number, total: number) => `仅列出前 ${n} 对，共 ${total} 对。`,
    note: '如为同一项目，请在台账中把其中一行的项目编号改为另一行的编号后再同步。',
  },
  en: {
    title: '12. Possible duplicates',
    kind: 'Kind',
    kinds: { same: 'Same unit and name', otherUnit: 'Same name, other unit', near: 'Near names, same unit' } as Record<DuplicatePair['kind'], string>,
    a: 'Project',
    b: 'Possibly the same as',
    id: 'ID',
    unit: 'Unit',
    none: 'No possible duplicates found.',
    more: (n: number, total: number) => `The first ${n} of ${total} pairs.`,
    note: 'If both are one project, change one row\'s ID in the ledger to the other\'s and sync again.',
  },
};

export function duplicatesSection(w: SheetWriter, t: Texts, pairs: readonly DuplicatePair[], total: number, lang: 'zh' | 'en'): void {
  const x = TEXT[lang];
  w.blank();
  w.title(x.title);
  if (pairs.length === 0) {
    w.note(x.none);
    return;
  }
  table(w, t, [x.kind, x.a, x.id, x.unit, x.b, x.id, x.unit], pairs, (p) => [x.kinds[p.kind], p.a.name, p.a.id, t.unitName(p.a.unit), p.b.name, p.b.id, t.unitName(p.b.unit)]);
  if (total > pairs.length) w.note(x.more(pairs.length, total));
  w.note(x.note);
}

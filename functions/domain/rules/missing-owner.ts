/** `missing-owner`: no leader in charge (包联领导) or no responsible unit (所属单位). */
import { isEmptyText, isUnreadable, makeReason, type Rule } from './rule';

export const missingOwner: Rule = {
  id: 'missing-owner',
  level(project, _times, _at, ctx) {
    if (!ctx.config.rules.missingOwner.enabled) return 0;
    return isEmptyText(project.fields.leader) || isEmptyText(project.fields.unit) ? 1 : 0;
  },
  reason(project, _times, _at, _ctx, level) {
    const noLeader = isEmptyText(project.fields.leader);
    const noUnit = isEmptyText(project.fields.unit);
    const missing = noLeader && noUnit ? 'leader,unit' : noLeader ? 'leader' : 'unit';
    const zh = noLeader && noUnit ? '包联领导和所属单位' : noLeader ? '包联领导' : '所属单位';
    const en = noLeader && noUnit ? 'leader in charge or responsible unit' : noLeader ? 'leader in charge' : 'responsible unit';
    // A cell that failed to parse (it has its own error) is not missing: the reason says it cannot be read.
    const badLeader = noLeader && isUnreadable(project, 'leader');
    const badUnit = noUnit && isUnreadable(project, 'unit');
    if (badLeader || badUnit) {
      const parts = [
        ...(noLeader ? [badLeader ? { zh: '包联领导无法识别', en: 'the leader in charge cannot be read' } : { zh: '未明确包联领导', en: 'no leader in charge' }] : []),
        ...(noUnit ? [badUnit ? { zh: '所属单位无法识别', en: 'the responsible unit cannot be read' } : { zh: '未明确所属单位', en: 'no responsible unit' }] : []),
      ];
      const enText = parts.map((p) => p.en).join('; ');
      return makeReason('missing-owner', level, { missing }, parts.map((p) => p.zh).join('，'), enText.charAt(0).toUpperCase() + enText.slice(1));
    }
    return makeReason('missing-owner', level, { missing }, `未明确${zh}`, `No ${en}`);
  },
};

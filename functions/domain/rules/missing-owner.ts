/** `missing-owner`: no leader in charge (包联领导) or no responsible unit (所属单位). */
import { isEmptyText, makeReason, type Rule } from './rule';

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
    return makeReason('missing-owner', level, { missing }, `未明确${zh}`, `No ${en}`);
  },
};

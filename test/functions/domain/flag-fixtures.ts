/** Builders for the flag-engine tests: a quiet project (no rule fires) that each test spoils one way. */
import type { CountyConfig, RuleConfig, Stage } from '../../../contract';
import { asOfInstant } from '../../../functions/domain/calendar';
import { DEFAULT_CONFIG } from '../../../functions/domain/config';
import type { FlagHistory, ProjectFields, ProjectSnapshot } from '../../../functions/domain/types';

export const CUTOFF = DEFAULT_CONFIG.cutoff;

export function fields(overrides: Partial<ProjectFields> = {}): ProjectFields {
  return {
    id: 'P-TEST0001', name: '年产10万吨罐头食品项目', investor: '某食品有限公司', investorType: 'private', industry: '罐头食品',
    chainRole: 'strengthen', amount: 5, unit: '地方镇', leader: '张三', team: null, contact: null, clueDate: null,
    signedDate: null, plannedStartDate: null, startDate: null, plannedProductionDate: null, productionDate: null,
    outputValue: null, tax: null, jobs: null, progress: '完成厂房设计', problem: null, problemType: null,
    coordination: null, nextSteps: null, status: 'active', investmentMethod: null, landArea: null, fixedInvestment: null, ...overrides,
  };
}

export function project(stage: Stage, overrides: Partial<ProjectFields> = {}): ProjectSnapshot {
  return { id: 'P-TEST0001', stage, fields: fields(overrides) };
}

/** A history whose clocks all started at `at`. */
export function history(at: string, overrides: Partial<FlagHistory> = {}): FlagHistory {
  return { firstSeenAt: at, stageChangedAt: at, progressChangedAt: at, problemChangedAt: null, cutoffLevels: [], ...overrides };
}

/** End of a local day in Asia/Shanghai. */
export const day = (date: string): string => asOfInstant(date, CUTOFF);

/** Local (UTC+8) wall time → ISO instant. */
export const local = (dateTime: string): string => new Date(`${dateTime}+08:00`).toISOString();

type RuleName = keyof RuleConfig;

/** The default config with every rule but `keep` switched off, to test one rule alone. */
export function only(keep: RuleName, tweak: (rules: RuleConfig) => void = () => {}): CountyConfig {
  const config = structuredClone(DEFAULT_CONFIG);
  for (const name of Object.keys(config.rules) as RuleName[]) config.rules[name].enabled = name === keep;
  tweak(config.rules);
  return config;
}

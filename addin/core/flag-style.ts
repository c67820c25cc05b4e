/** How a flag and the owned columns look in a list sheet (client-only). */
import type { FlagLevel } from '../../contract';

/** The Excel conditional-format preset colours clerks know. */
export const FLAG_STYLE: Readonly<Record<Exclude<FlagLevel, 'none'>, { fill: string; font: string; zh: string; en: string }>> = {
  red: { fill: '#FFC7CE', font: '#9C0006', zh: '红旗', en: 'Red flag' },
  yellow: { fill: '#FFEB9C', font: '#9C5700', zh: '黄旗', en: 'Yellow flag' },
};

/** Columns the add-in owns in every list sheet. */
export const OWNED_COLUMNS = {
  id: { zh: '项目编号', en: 'Project ID' },
  flag: { zh: '旗帜', en: 'Flag' },
  reason: { zh: '预警原因', en: 'Flag reasons' },
} as const;

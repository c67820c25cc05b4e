/** Bilingual texts of the API's errors (zh-CN first: the clerks read Chinese). */
import type { Message } from '../contract';

export const MSG = {
  unauthorized: { zh: '未登录或登录已失效，请重新登录', en: 'Not signed in, or the sign-in has expired; please sign in again' },
  unknownUser: {
    zh: '您的账号尚未开通本系统，请联系县招商部门管理员为您分配角色和单位',
    en: 'Your account has no access yet; please ask the county administrator to assign you a role and units',
  },
  leaderCannotSync: { zh: '领导账号只能查看，不能同步台账', en: 'Leader accounts can read but not sync ledgers' },
  adminOnly: { zh: '只有管理员可以修改县级配置', en: 'Only administrators can change the county configuration' },
  badJson: { zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  tooManyBytes: (limit: number): Message => ({
    zh: `请求过大（超过 ${(limit / 1e6).toFixed(0)} MB），请分批同步`,
    en: `The request is too large (over ${(limit / 1e6).toFixed(0)} MB); please sync in smaller chunks`,
  }),
  tooManyRows: (n: number, limit: number): Message => ({
    zh: `一次最多同步 ${limit} 行，本次请求有 ${n} 行，请分批同步`,
    en: `At most ${limit} rows per request; this one has ${n}. Please sync in smaller chunks`,
  }),
  tooManyIds: (n: number, limit: number): Message => ({
    zh: `工作簿项目编号清单最多 ${limit} 个，本次有 ${n} 个`,
    en: `The workbook id list holds at most ${limit} ids; this one has ${n}`,
  }),
  invalid: (path: string, detail: string): Message => ({
    zh: `请求格式错误：字段 ${path || '(根)'} 无效（${detail}）`,
    en: `Invalid request: field ${path || '(root)'} is invalid (${detail})`,
  }),
  badPageToken: { zh: '分页标记 nextToken 无效', en: 'The nextToken is invalid' },
  notFound: (id: string): Message => ({ zh: `找不到项目 ${id}`, en: `Project ${id} not found` }),
  routeNotFound: { zh: '没有这个接口', en: 'No such endpoint' },
  badConfig: { zh: '县级配置有误，请按提示修改', en: 'The county configuration has errors; please fix them as shown' },
  internal: { zh: '服务器内部错误，请稍后重试', en: 'Internal server error; please try again later' },
} as const;

/**
 * Bilingual texts of the HTTP layer's errors — sign-in, body size and shape, routes, the catch-all 500 (zh-CN
 * first: the clerks read Chinese). The use cases' own texts are in functions/app/messages.ts.
 */
import type { Message } from '../../contract';

export const MSG = {
  unauthorized: { zh: '未登录或登录已失效，请重新登录', en: 'Not signed in, or the sign-in has expired; please sign in again' },
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
  routeNotFound: { zh: '没有这个接口', en: 'No such endpoint' },
  badPathEncoding: { zh: '请求地址中的编码无效（%xx）', en: 'The request path has an invalid encoding (%xx)' },
  foreignOrigin: {
    zh: '本地服务的开发令牌只提供给本服务和任务窗格自己的页面',
    en: "The local stack's dev token is given only to its own pages and the task pane's",
  },
  notLocalHost: {
    zh: '本地服务只接受以 localhost、127.0.0.1 或 [::1] 访问的请求',
    en: 'The local stack only answers requests addressed to localhost, 127.0.0.1 or [::1]',
  },
  internal: { zh: '服务器内部错误，请稍后重试', en: 'Internal server error; please try again later' },
} as const;

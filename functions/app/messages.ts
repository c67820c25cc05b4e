/** Bilingual texts of the use cases' failures and row errors (zh-CN first: the clerks read Chinese). */
import type { Message } from '../../contract';

export const MSG = {
  unknownUser: (contact?: string): Message => ({
    zh: `您的账号尚未开通本系统，请联系县招商部门管理员${contact ? `（${contact}）` : ''}为您分配角色和单位`,
    en: `Your account has no access yet; please ask the county administrator${contact ? ` (${contact})` : ''} to assign you a role and units`,
  }),
  leaderCannotSync: { zh: '领导账号只能查看，不能同步台账', en: 'Leader accounts can read but not sync ledgers' },
  adminOnly: { zh: '只有管理员可以修改县级配置', en: 'Only administrators can change the county configuration' },
  usersAdminOnly: { zh: '只有管理员可以查看和设置用户', en: 'Only administrators can list and set users' },
  userNeedsKey: {
    zh: '请填写用户的账号 ID（Entra 对象 ID）或邮箱，至少一项',
    en: 'Give the user’s account id (Entra object id) or e-mail, at least one',
  },
  clerkNeedsUnits: {
    zh: '经办人（clerk）至少要负责一个单位（units），否则无法同步任何项目',
    en: 'A clerk needs at least one unit (units), or they can sync no project',
  },
  unknownUnits: (units: string[], known: string[]): Message => ({
    zh: `单位“${units.join('、')}”不在县级配置的单位清单中（${known.join('、')}），请检查是否有错别字，或先在配置中添加该单位`,
    en: `Unit(s) "${units.join('", "')}" are not among the county's configured units (${known.join(', ')}); check the spelling, or add the unit to the configuration first`,
  }),
  userConflict: (email: string, other: string): Message => ({
    zh: `邮箱 ${email} 已属于另一个账号（${other}），请先核对账号 ID`,
    en: `The e-mail ${email} already belongs to another account (${other}); check the account id first`,
  }),
  lastAdmin: {
    zh: '这是最后一个管理员，不能取消其管理员角色，请先指定另一位管理员',
    en: 'This is the last administrator and cannot lose the admin role; make someone else an administrator first',
  },
  badPageToken: { zh: '分页标记 nextToken 无效', en: 'The nextToken is invalid' },
  notFound: (id: string): Message => ({ zh: `找不到项目 ${id}`, en: `Project ${id} not found` }),
  badConfig: { zh: '县级配置有误，请按提示修改', en: 'The county configuration has errors; please fix them as shown' },
  rowTooLarge: {
    zh: '该行内容过多，超出单个项目可保存的大小，请精简较长的文字（如本周进展、存在问题）后重新同步',
    en: 'This row holds more than one project can store; shorten its long texts (progress, problems) and sync again',
  },
  rowFailed: {
    zh: '该行保存失败（服务器内部错误），其他行不受影响，请稍后重新同步',
    en: 'This row could not be saved (internal error); the other rows are not affected. Please sync again later',
  },
  conflict: { zh: '该项目正被同时修改，请稍后重新同步', en: 'The project is being changed concurrently; please sync again shortly' },
} as const;

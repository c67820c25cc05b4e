/** The administrator every embedded stack registers at start (its token is printed by `npm start`). */
import type { UserProfile } from '../../contract';

export const LOCAL_ADMIN: UserProfile & { subject: string; email: string; name: string } = {
  subject: 'local-admin',
  email: 'admin@localhost',
  name: '本地管理员',
  role: 'admin',
  units: [],
};

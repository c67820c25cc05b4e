/** The line every command on the embedded backend prints (stderr), so the operator knows which database it used. */
import type { Message } from '../../contract';

export const dataFolderMessage = (dir: string): Message => ({ zh: `数据目录：${dir}`, en: `Data folder: ${dir}` });

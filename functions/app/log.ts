/** The use cases' log lines: one JSON object per line, with its level and instant; an error by name and message only. */
import type { Deps } from './deps';

/** An error as a log shows it: name and message, never a stack or the data it was about. */
export const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

export function logLine(deps: Pick<Deps, 'log' | 'clock'>, level: 'info' | 'warn' | 'error', fields: Record<string, unknown>, error?: unknown): void {
  deps.log(JSON.stringify({ level, at: deps.clock(), ...fields, ...(error !== undefined ? { error: errorText(error) } : {}) }));
}

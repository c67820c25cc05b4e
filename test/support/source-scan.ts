/** Reading our own sources as text for the architecture test: files, import specifiers, code without comments. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const ROOT = join(__dirname, '../..');

/** Every .ts/.mjs/.cjs file under a repo-relative folder (none when the folder does not exist). */
export function sourceFiles(dir: string): string[] {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((name) => {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(relative(ROOT, path));
    return /\.(ts|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts') ? [relative(ROOT, path)] : [];
  });
}

/** Source without comments (strings kept). */
export function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:\\'"`])\/\/.*$/gm, '$1');
}

/** Module specifiers of import/export statements, dynamic import() and require() calls. */
export function specifiers(source: string): string[] {
  const code = withoutComments(source);
  return [
    ...code.matchAll(/^\s*(?:import|export)\b[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...code.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]!);
}

/** Source without comments and string/template literals (good enough for our own code). */
export function codeOnly(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
}

/** What a specifier in `file` names: a repo-relative path (no extension) for a relative one, else the package. */
export function target(file: string, spec: string): { kind: 'file'; path: string } | { kind: 'package'; name: string } {
  if (!spec.startsWith('.')) {
    const parts = spec.split('/');
    return { kind: 'package', name: spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]! };
  }
  return { kind: 'file', path: relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.(ts|js|mjs|cjs)$/, '') };
}

export const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

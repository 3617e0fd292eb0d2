import { SettingsFileError } from '../settings-error.ts';
import type { IniDocument, IniEntry } from './parse-ini.ts';

const MAX_DEPTH = 10;

interface Scope {
  readonly source: string;
  readonly lookup: (name: string) => IniEntry | string | undefined;
}

function expand(scope: Scope, value: string, line: number, depth: number, origin: number): string {
  if (depth > MAX_DEPTH) {
    throw new SettingsFileError(
      scope.source,
      origin,
      `interpolation deeper than ${MAX_DEPTH} levels (a cycle?)`,
    );
  }
  let out = '';
  let rest = value;
  for (let at = rest.indexOf('%'); at !== -1; at = rest.indexOf('%')) {
    out += rest.slice(0, at);
    rest = rest.slice(at);
    if (rest.startsWith('%%')) {
      out += '%';
      rest = rest.slice(2);
      continue;
    }
    const reference = /^%\(([^)]+)\)s/.exec(rest);
    if (!reference?.[1]) {
      throw new SettingsFileError(
        scope.source,
        line,
        `'%' must be followed by '%' or '(name)s', in ${value}`,
      );
    }
    const name = reference[1];
    const target = scope.lookup(name);
    if (target === undefined) {
      throw new SettingsFileError(scope.source, line, `%(${name})s refers to nothing defined`);
    }
    out += typeof target === 'string' ? target : expand(scope, target.value, target.line, depth + 1, origin);
    rest = rest.slice(reference[0].length);
  }
  return out + rest;
}

/**
 * The entries of one section with `%(name)s` references replaced, as PasteDeploy's parser does:
 * a name is looked up in the section, then in `[DEFAULT]`, then in `variables` (`here`: the
 * directory of the file, `__file__`: its path); `%%` is a literal `%`. `[DEFAULT]` entries are not
 * part of the result (PasteDeploy passes them as global configuration).
 *
 * @returns the section's values by key, or `undefined` when the section is absent.
 * @throws {SettingsFileError} for an undefined name, a stray `%` or a reference cycle.
 */
export function interpolateSection(
  document: IniDocument,
  sectionName: string,
  source: string,
  variables: Readonly<Record<string, string>> = {},
): Record<string, string> | undefined {
  const section = document.get(sectionName);
  if (!section) return undefined;
  const defaults = document.get('DEFAULT');
  const scope: Scope = {
    source,
    lookup: (name) =>
      section.get(name) ??
      defaults?.get(name) ??
      (Object.hasOwn(variables, name) ? variables[name] : undefined),
  };
  const result: Record<string, string> = {};
  for (const [key, entry] of section) result[key] = expand(scope, entry.value, entry.line, 0, entry.line);
  return result;
}

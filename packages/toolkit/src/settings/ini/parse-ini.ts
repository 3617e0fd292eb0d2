import { SettingsFileError } from '../settings-error.ts';

/** One `key = value` of an INI section, with the line it starts on. */
export interface IniEntry {
  value: string;
  readonly line: number;
}

/** The sections of an INI document by name, each with its entries by key (case kept). */
export type IniDocument = Map<string, Map<string, IniEntry>>;

const SECTION = /^\[(.+)\]\s*$/;

function isComment(trimmed: string): boolean {
  return trimmed.startsWith('#') || trimmed.startsWith(';');
}

/**
 * Parses INI text the way Python's `configparser` (used by Kinto through PasteDeploy) reads
 * `kinto.ini`: `[section]` headers; `key = value` or `key: value` (the first `=` or `:` separates);
 * keys keep their case; full-line comments start with `#` or `;` (no inline comments: a `#` after a
 * value belongs to it); an indented line continues the previous value on a new line (how
 * `kinto.includes` lists plugins). Values are trimmed; `%` interpolation is left to
 * `interpolateSection`.
 *
 * @param source the file name used in error messages.
 * @throws {SettingsFileError} naming `source` and the line, for a key outside any section, a line
 * that is neither a header, a comment nor `key = value`, or a duplicate section or key.
 */
export function parseIni(text: string, source: string): IniDocument {
  const document: IniDocument = new Map();
  let section: Map<string, IniEntry> | undefined;
  let entry: IniEntry | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);

  lines.forEach((line, index) => {
    const number = index + 1;
    const trimmed = line.trim();
    if (trimmed === '' || isComment(trimmed)) return;

    if (entry && /^\s/.test(line)) {
      entry.value = entry.value === '' ? trimmed : `${entry.value}\n${trimmed}`;
      return;
    }

    if (trimmed.startsWith('[')) {
      const header = SECTION.exec(line);
      if (!header?.[1]) throw new SettingsFileError(source, number, `malformed section header ${trimmed}`);
      const name = header[1].trim();
      if (document.has(name)) throw new SettingsFileError(source, number, `section [${name}] appears twice`);
      section = new Map();
      document.set(name, section);
      entry = undefined;
      return;
    }

    const separator = trimmed.search(/[=:]/);
    if (separator <= 0) {
      throw new SettingsFileError(
        source,
        number,
        `expected "key = value", a [section] or a comment, got ${trimmed}`,
      );
    }
    if (!section) throw new SettingsFileError(source, number, 'setting outside any [section]');
    const key = trimmed.slice(0, separator).trim();
    const existing = section.get(key);
    if (existing) {
      throw new SettingsFileError(source, number, `"${key}" is already set on line ${existing.line}`);
    }
    entry = { value: trimmed.slice(separator + 1).trim(), line: number };
    section.set(key, entry);
  });
  return document;
}

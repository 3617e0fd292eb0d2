/**
 * A setting has a value of the wrong form, or is given twice with different values. The message
 * names the setting and the expected form, e.g.
 * `Invalid setting "paginate_by": expected a positive integer or empty, got "abc"`.
 */
export class SettingsError extends Error {
  /** The setting at fault, without the project prefix (`paginate_by`). */
  readonly setting: string;
  /** The expected form, in words (`a positive integer or empty`). */
  readonly expected: string;

  constructor(setting: string, expected: string, message?: string, options?: { cause?: unknown }) {
    super(message ?? `Invalid setting "${setting}": expected ${expected}`, options);
    this.name = 'SettingsError';
    this.setting = setting;
    this.expected = expected;
  }
}

/**
 * A settings file cannot be read or is malformed. The message starts with `<file>:<line>: ` when
 * the fault is on a line.
 */
export class SettingsFileError extends Error {
  /** The file at fault, as given. */
  readonly file: string;
  /** 1-based line of the fault, when there is one. */
  readonly line: number | undefined;

  constructor(file: string, line: number | undefined, reason: string, options?: { cause?: unknown }) {
    super(`${line === undefined ? file : `${file}:${line}`}: ${reason}`, options);
    this.name = 'SettingsFileError';
    this.file = file;
    this.line = line;
  }
}

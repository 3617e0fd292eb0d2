import * as v from 'valibot';
import { isNullLiteral, toBoolean, toInteger, toList, toNumber, toText } from './coerce.ts';

/** How one setting is converted from text and validated. */
export interface SettingKind {
  /** The expected form, in words, for error messages. */
  readonly expected: string;
  /** Text → typed candidate; leaves values it cannot convert unchanged. */
  readonly coerce: (value: unknown) => unknown;
  /** Validates the candidate. */
  readonly schema: v.GenericSchema<unknown, unknown>;
}

function kind(
  expected: string,
  coerce: (value: unknown) => unknown,
  schema: v.GenericSchema<unknown, unknown>,
): SettingKind {
  return { expected, coerce, schema };
}

/** `null` for the null literals (`''`, `None`, `null`), else the kind's own conversion. */
function orNull(base: SettingKind): SettingKind {
  return kind(
    `${base.expected} or empty`,
    (value) => (isNullLiteral(value) ? null : base.coerce(value)),
    v.nullable(base.schema),
  );
}

function integerWords(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `an integer from ${min} to ${max}`;
  if (min === 1) return 'a positive integer';
  if (min === 0) return 'a non-negative integer';
  if (min !== undefined) return `an integer greater than or equal to ${min}`;
  return 'an integer';
}

/** A boolean: `true/false`, `yes/no`, `on/off`, `1/0` in any case. */
export const BOOLEAN: SettingKind = kind(
  'a boolean (true/false, yes/no, on/off, 1/0)',
  toBoolean,
  v.boolean(),
);

/** An integer within optional bounds. */
export function integer(min?: number, max?: number): SettingKind {
  return kind(
    integerWords(min, max),
    toInteger,
    v.pipe(
      v.number(),
      v.safeInteger(),
      v.check((n) => (min === undefined || n >= min) && (max === undefined || n <= max)),
    ),
  );
}

/** An integer within optional bounds, or null (`''`, `None`, `null`). */
export function nullableInteger(min?: number, max?: number): SettingKind {
  return orNull(integer(min, max));
}

/** A positive finite number (fractions allowed). */
export const POSITIVE_NUMBER: SettingKind = kind(
  'a positive number',
  toNumber,
  v.pipe(v.number(), v.finite(), v.gtValue(0)),
);

/** A finite number, 0 or more (fractions allowed): durations where 0 means "no limit". */
export const NON_NEGATIVE_NUMBER: SettingKind = kind(
  'a number, 0 or more',
  toNumber,
  v.pipe(v.number(), v.finite(), v.minValue(0)),
);

/** Any text. */
export const TEXT: SettingKind = kind('a string', toText, v.string());

/** Non-empty text. */
export const NON_EMPTY_TEXT: SettingKind = kind(
  'a non-empty string',
  toText,
  v.pipe(v.string(), v.nonEmpty()),
);

/** Text, or null (`''`, `None`, `null`). */
export const NULLABLE_TEXT: SettingKind = orNull(TEXT);

/** A date (ISO 8601 preferred) or null: `eos`. */
export const NULLABLE_DATE: SettingKind = orNull(
  kind(
    'a date (ISO 8601, e.g. 2030-01-31)',
    toText,
    v.pipe(
      v.string(),
      v.check((text) => !Number.isNaN(Date.parse(text))),
    ),
  ),
);

/** A `major.minor` version: `http_api_version`. */
export const API_VERSION: SettingKind = kind(
  'a version "major.minor" (e.g. 1.23)',
  toText,
  v.pipe(v.string(), v.regex(/^\d+\.\d+$/)),
);

/** A list of strings: space/comma separated words or a JSON array. */
export const LIST: SettingKind = kind(
  'a space- or comma-separated list (or a JSON array) of strings',
  toList,
  v.array(v.string()),
);

import type { AttachmentStorage } from '@core/contracts';
import type { AttachmentOptions } from './settings.ts';

/** The extension of `filename` with its dot (`.pdf`), as Python's `os.path.splitext` finds it. */
export function extensionOf(filename: string): string {
  const base = filename.slice(filename.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  // A leading dot starts a hidden name, not an extension (`.bashrc`).
  if (dot <= 0 || /^\.+$/.test(base.slice(0, dot + 1))) return '';
  return base.slice(dot);
}

/** Werkzeug's `secure_filename`: ASCII letters, digits, `_`, `.` and `-` only, no path. */
export function secureFilename(filename: string): string {
  const ascii = filename.normalize('NFKD').replace(/[\u0080-\uffff]/g, '');
  const flat = ascii.replace(/[/\\]/g, ' ').split(/\s+/).filter(Boolean).join('_');
  return flat.replace(/[^A-Za-z0-9_.-]/g, '').replace(/^[._]+|[._]+$/g, '');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYYmmddHHMMSS` in UTC, the `{datetime}` of `filename_pattern`. */
function stamp(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(
    date.getUTCHours(),
  )}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
}

/** Python's `str.format` with named fields only; an unknown field is a configuration error. */
function format(pattern: string, values: Readonly<Record<string, string>>): string {
  return pattern.replace(/\{(\w*)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`Unknown placeholder {${name}} in ${JSON.stringify(pattern)}`);
    return value;
  });
}

export interface KeyContext {
  readonly bucket_id: string;
  readonly collection_id: string;
  readonly id: string;
}

/**
 * The storage key of a new file, as kinto-attachment names it: `folder` pattern, then the secured
 * uploaded name (a random UUID plus the extension with `randomize`), through `filename_pattern`;
 * an existing key gets `-1`, `-2`... before its extension.
 */
export async function storageKey(
  storage: AttachmentStorage,
  uploadedName: string,
  options: AttachmentOptions,
  context: KeyContext,
): Promise<string> {
  let name = secureFilename(uploadedName);
  if (options.randomize || name === '') name = `${crypto.randomUUID()}${extensionOf(name).toLowerCase()}`;
  if (options.filenamePattern) {
    name = format(options.filenamePattern, { datetime: stamp(new Date()), rid: context.id, filename: name });
  }
  const folder = options.folder ? format(options.folder, { ...context }).replace(/^\/+|\/+$/g, '') : '';
  const prefix = folder ? `${folder}/` : '';
  const extension = extensionOf(name);
  const stem = name.slice(0, name.length - extension.length);
  let candidate = `${prefix}${name}`;
  for (let counter = 1; await storage.exists(candidate); counter++) {
    candidate = `${prefix}${stem}-${counter}${extension}`;
  }
  return candidate;
}

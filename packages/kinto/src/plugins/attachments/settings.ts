/** What may differ per bucket or collection (`attachment.resources.<bid>[.<cid>].<name>`). */
export interface AttachmentOptions {
  /** `{bucket_id}` / `{collection_id}` sub-folder pattern; `''` = none. */
  readonly folder: string;
  readonly keepOldFiles: boolean;
  /** Store under a random UUID name (plus the extension) rather than the uploaded name. */
  readonly randomize: boolean;
  /** `{datetime}`, `{rid}`, `{filename}` pattern of the stored name; `''` = the name alone. */
  readonly filenamePattern: string;
  readonly gzipped: boolean;
  /** Allowed extensions (groups resolved, lower case); empty = any. */
  readonly extensions: ReadonlySet<string>;
  /** Extension (with its dot) → mimetype, over the uploaded part's type. */
  readonly mimetypes: ReadonlyMap<string, string>;
  /** 0 = no limit. */
  readonly maxSizeBytes: number;
}

/** The `attachment.*` settings, parsed once at start-up. */
export interface AttachmentSettings {
  readonly basePath: string | undefined;
  /** Prefix of the `location` of new attachments (`''` = relative locations). */
  readonly baseUrl: string;
  /** The `base_url` of the hello capability (`attachment.extra.base_url`, else `base_url`), `/`-terminated. */
  readonly advertisedBaseUrl: string | null;
  readonly defaults: AttachmentOptions;
  /** Options of the buckets (`/buckets/<bid>`) and collections (`.../collections/<cid>`) with overrides. */
  readonly resolved: ReadonlyMap<string, AttachmentOptions>;
}

const EXTENSION_GROUPS: Record<string, readonly string[]> = {
  documents: 'pdf rtf odf ods gnumeric abw doc docx xls xlsx'.split(' '),
  text: ['txt'],
  images: 'jpg jpe jpeg png gif svg bmp tiff'.split(' '),
  audio: 'wav mp3 aac ogg oga flac'.split(' '),
  video: 'mpeg 3gp avi divx dvr flv mp4 wmv'.split(' '),
  data: 'csv ini json plist xml yaml yml'.split(' '),
  scripts: 'js php pl py rb sh'.split(' '),
  archives: 'gz bz2 zip tar tgz txz 7z'.split(' '),
  executables: 'so exe dll'.split(' '),
  any: [],
};
EXTENSION_GROUPS.default = ['documents', 'text', 'images', 'data'].flatMap((g) => EXTENSION_GROUPS[g] ?? []);

/** kinto-attachment's own additions to the mimetypes guessed from names. */
const DEFAULT_MIMETYPES: Readonly<Record<string, string>> = {
  '.pem': 'application/x-pem-file',
  '.geojson': 'application/geojson',
};

/** `"default+video"`, `"images pdf"` → the extensions; `any` → empty (every extension). */
export function resolveExtensions(value: string): Set<string> {
  const result = new Set<string>();
  for (const group of value.split('+')) {
    const known = EXTENSION_GROUPS[group.trim()];
    if (known) for (const extension of known) result.add(extension);
    else for (const extension of group.split(/\s+/).filter(Boolean)) result.add(extension.toLowerCase());
  }
  return result;
}

/** `".ftl:application/vnd.fluent;.db:application/vnd.sqlite3"` over kinto-attachment's defaults. */
export function parseMimetypes(value: string): Map<string, string> {
  const result = new Map(Object.entries(DEFAULT_MIMETYPES));
  for (const pair of value.split(';').filter((entry) => entry.trim() !== '')) {
    const [extension, type] = pair.split(':').map((part) => part.trim());
    if (!extension || !type) throw new Error(`attachment.mimetypes: malformed entry ${JSON.stringify(pair)}`);
    result.set(extension, type);
  }
  return result;
}

function text(value: unknown, fallback: string): string {
  return value === undefined || value === null ? fallback : String(value);
}

function flag(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  return ['true', 'yes', 'on', '1'].includes(String(value).trim().toLowerCase());
}

function size(name: string, value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) {
    throw new Error(`${name}: expected a number of bytes (0 = no limit), got ${JSON.stringify(value)}`);
  }
  return number;
}

/** Names a bucket or collection may override (Kinto's, plus `folder`, `extensions` and `mimetypes`). */
const PER_RESOURCE = new Set([
  'randomize',
  'keep_old_files',
  'filename_pattern',
  'max_size_bytes',
  'max_size',
  'gzipped',
  'folder',
  'extensions',
  'mimetypes',
]);

/** The options from `attachment.<name>` settings (or one resource's overrides over `base`). */
function optionsOf(values: Readonly<Record<string, unknown>>, base?: AttachmentOptions): AttachmentOptions {
  const has = (name: string) => values[name] !== undefined;
  const maxSize = has('max_size_bytes') ? 'max_size_bytes' : 'max_size';
  return {
    folder: has('folder') || !base ? text(values.folder, '') : base.folder,
    keepOldFiles: flag(values.keep_old_files, base?.keepOldFiles ?? false),
    randomize: flag(values.randomize, base?.randomize ?? true),
    filenamePattern:
      has('filename_pattern') || !base ? text(values.filename_pattern, '') : base.filenamePattern,
    gzipped: flag(values.gzipped, base?.gzipped ?? false),
    extensions:
      has('extensions') || !base ? resolveExtensions(text(values.extensions, 'default')) : base.extensions,
    mimetypes: has('mimetypes') || !base ? parseMimetypes(text(values.mimetypes, '')) : base.mimetypes,
    maxSizeBytes: has(maxSize) || !base ? size(`attachment.${maxSize}`, values[maxSize]) : base.maxSizeBytes,
  };
}

/**
 * Reads the `attachment.*` settings as kinto-attachment does; per-resource settings are
 * `attachment.resources.<bid>.<name>` and `attachment.resources.<bid>.<cid>.<name>`.
 * @throws Error for a malformed per-resource name or an unsupported one (Kinto's messages).
 */
export function attachmentSettings(settings: Readonly<Record<string, unknown>>): AttachmentSettings {
  const global: Record<string, unknown> = {};
  const resources = new Map<string, Record<string, unknown>>();
  for (const [name, value] of Object.entries(settings)) {
    if (!name.startsWith('attachment.')) continue;
    if (!name.startsWith('attachment.resources.')) {
      global[name.slice('attachment.'.length)] = value;
      continue;
    }
    const parts = name.slice('attachment.resources.'.length).split('.');
    if (parts.length < 2 || parts.length > 3) throw new Error(`Configuration rule malformed: \`${name}\``);
    const option = parts.pop() as string;
    if (!PER_RESOURCE.has(option))
      throw new Error(`\`${option}\` is not a supported setting name. Read \`${name}\``);
    const uri = parts.length === 2 ? `/buckets/${parts[0]}/collections/${parts[1]}` : `/buckets/${parts[0]}`;
    resources.set(uri, { ...resources.get(uri), [option]: value });
  }
  const baseUrl = text(global.base_url, '');
  const extra = global['extra.base_url'] ?? global.base_url;
  const advertised = extra === undefined || extra === null || extra === '' ? null : String(extra);
  const defaults = optionsOf(global);
  return {
    basePath:
      global.base_path === undefined || global.base_path === null ? undefined : String(global.base_path),
    baseUrl,
    advertisedBaseUrl: advertised === null || advertised.endsWith('/') ? advertised : `${advertised}/`,
    defaults,
    resolved: resolveResources(defaults, resources),
  };
}

/** The options in force for a collection: global, then the bucket's, then the collection's overrides. */
export function optionsFor(
  settings: AttachmentSettings,
  bucketId: string,
  collectionId: string,
): AttachmentOptions {
  const bucketUri = `/buckets/${bucketId}`;
  return (
    settings.resolved.get(`${bucketUri}/collections/${collectionId}`) ??
    settings.resolved.get(bucketUri) ??
    settings.defaults
  );
}

/** Each overridden bucket's and collection's options, computed once. */
function resolveResources(
  defaults: AttachmentOptions,
  resources: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
): Map<string, AttachmentOptions> {
  const resolved = new Map<string, AttachmentOptions>();
  for (const [uri, values] of resources) {
    if (!uri.includes('/collections/')) resolved.set(uri, optionsOf(values, defaults));
  }
  for (const [uri, values] of resources) {
    if (!uri.includes('/collections/')) continue;
    const bucketUri = uri.slice(0, uri.indexOf('/collections/'));
    resolved.set(uri, optionsOf(values, resolved.get(bucketUri) ?? defaults));
  }
  return resolved;
}

/** Global setting names read from the environment (`KINTO_ATTACHMENT_BASE_PATH`...). */
export const ATTACHMENT_ENV_KEYS: readonly string[] = [
  'attachment.base_path',
  'attachment.base_url',
  'attachment.extra.base_url',
  'attachment.folder',
  'attachment.keep_old_files',
  'attachment.randomize',
  'attachment.filename_pattern',
  'attachment.gzipped',
  'attachment.extensions',
  'attachment.mimetypes',
  'attachment.max_size_bytes',
  'attachment.aws.access_key',
  'attachment.aws.secret_key',
  'attachment.aws.bucket_name',
  'attachment.aws.acl',
  'attachment.aws.endpoint_url',
  'attachment.aws.region',
];

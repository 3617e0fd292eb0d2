/** Generates and recognises object ids (http-api.md §3). */
export interface IdGenerator {
  /** Generator name, as in settings (`uuid4`, `name`, `relaxed_uuid`, `account`). */
  readonly name: string;
  /** A new id, most likely unique; always matches {@link IdGenerator.pattern}. */
  generate(): string;
  /** Valid ids (anchored, no flags, so `pattern.test` is stateless). */
  readonly pattern: RegExp;
}

/** Kinto's base `Generator` pattern. */
export const BASE_ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;
/** Kinto's `UUID4` pattern (lower-case, any version nibble). */
export const UUID4_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The accounts plugin's pattern (e-mail-like user names). */
export const ACCOUNT_ID_PATTERN = /^[a-zA-Z0-9][+.@a-zA-Z0-9_-]*$/;

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const NAME_ALPHABET = `${ALPHANUMERIC}-_`;

/** A uniformly random character of `alphabet` (rejection sampling: no modulo bias). */
function randomChar(alphabet: string): string {
  const limit = 256 - (256 % alphabet.length);
  const byte = new Uint8Array(1);
  for (;;) {
    crypto.getRandomValues(byte);
    if (byte[0]! < limit) return alphabet[byte[0]! % alphabet.length]!;
  }
}

const uuid4 = () => crypto.randomUUID();

/** Random UUID4s; accepts UUIDs only (the toolkit default). */
export const uuid4Generator: IdGenerator = { name: 'uuid4', generate: uuid4, pattern: UUID4_PATTERN };

/** Kinto's `NameGenerator` (buckets, collections, groups): 8 chars, the first alphanumeric. */
export const nameGenerator: IdGenerator = {
  name: 'name',
  generate() {
    let id = randomChar(ALPHANUMERIC);
    for (let i = 0; i < 7; i++) id += randomChar(NAME_ALPHABET);
    return id;
  },
  pattern: BASE_ID_PATTERN,
};

/** Kinto's `RelaxedUUID` (records): generates UUID4s, accepts any base-pattern id. */
export const relaxedUuidGenerator: IdGenerator = {
  name: 'relaxed_uuid',
  generate: uuid4,
  pattern: BASE_ID_PATTERN,
};

/** The accounts plugin's generator: ids are chosen by clients; generated ones are UUID4s. */
export const accountIdGenerator: IdGenerator = {
  name: 'account',
  generate: uuid4,
  pattern: ACCOUNT_ID_PATTERN,
};

const BY_NAME: Readonly<Record<string, IdGenerator>> = {
  uuid4: uuid4Generator,
  name: nameGenerator,
  relaxed_uuid: relaxedUuidGenerator,
  account: accountIdGenerator,
  // Kinto's dotted class paths, so its settings files work unchanged.
  'kinto.core.storage.generators.UUID4': uuid4Generator,
  'kinto.views.NameGenerator': nameGenerator,
  'kinto.views.RelaxedUUID': relaxedUuidGenerator,
  'kinto.plugins.accounts.views.AccountIdGenerator': accountIdGenerator,
};

/**
 * The generator a setting names (`uuid4`, `name`, `relaxed_uuid`, `account`, or Kinto's dotted class
 * path). An unknown name is a configuration mistake: `TypeError`, at start-up.
 */
export function idGeneratorByName(name: string): IdGenerator {
  const generator = Object.hasOwn(BY_NAME, name) ? BY_NAME[name] : undefined;
  if (generator === undefined) {
    const known = Object.keys(BY_NAME).join(', ');
    throw new TypeError(`Unknown id generator ${JSON.stringify(name)} (known: ${known})`);
  }
  return generator;
}

/** `true` when `id` is a string the generator accepts. */
export function matchesId(id: unknown, generator: IdGenerator): id is string {
  return typeof id === 'string' && generator.pattern.test(id);
}

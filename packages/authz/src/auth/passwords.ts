import bcrypt from 'bcryptjs';

/** Compares a password with a bcrypt hash; injectable so tests can count and speed up the calls. */
export type PasswordCompare = (password: string, hash: string) => Promise<boolean>;

/**
 * Hashes a password with bcrypt at `rounds` (default {@link DEFAULT_BCRYPT_ROUNDS}); injectable so
 * Node can run it in worker threads (`createBcryptPool` of `@core/authz/node`).
 */
export type PasswordHash = (password: string, rounds?: number) => Promise<string>;

/** bcrypt cost of new hashes (bcryptjs' default: pure JS, so higher costs slow every login). */
export const DEFAULT_BCRYPT_ROUNDS = 10;

/** The bcrypt hash of `password` (what the accounts resource stores). */
export function hashPassword(password: string, rounds: number = DEFAULT_BCRYPT_ROUNDS): Promise<string> {
  return bcrypt.hash(password, rounds);
}

/** bcrypt verification; `false` (never a throw) for a malformed hash. */
export const verifyPassword: PasswordCompare = async (password, hash) => {
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    return false;
  }
};

const BCRYPT_HASH = /^\$2[abxy]?\$(\d\d)\$[./A-Za-z0-9]{53}$/;

/** The cost of a well-formed bcrypt hash (`$2b$10$...` → 10), `undefined` for anything else. */
export function bcryptCost(hash: unknown): number | undefined {
  if (typeof hash !== 'string') return undefined;
  const match = BCRYPT_HASH.exec(hash);
  const cost = match ? Number(match[1]) : Number.NaN;
  return cost >= 4 && cost <= 31 ? cost : undefined;
}

const dummies = new WeakMap<PasswordHash, Map<number, Promise<string>>>();

function randomSecret(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(24)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

/**
 * A bcrypt hash of a random secret at cost `rounds`, made on first use with `hash`, then kept for the
 * life of the process (one per hash function and cost). Checking a password against it costs what checking a real one of that cost does and
 * never succeeds: the accounts policy does it for unknown users, so that they answer in the time
 * wrong passwords take (no username enumeration by timing). A failed computation is forgotten.
 */
export function dummyPasswordHash(rounds: number, hash: PasswordHash = hashPassword): Promise<string> {
  let byRounds = dummies.get(hash);
  if (!byRounds) {
    byRounds = new Map();
    dummies.set(hash, byRounds);
  }
  let dummy = byRounds.get(rounds);
  if (!dummy) {
    const made = hash(randomSecret(), rounds);
    byRounds.set(rounds, made);
    made.catch(() => byRounds.delete(rounds));
    dummy = made;
  }
  return dummy;
}

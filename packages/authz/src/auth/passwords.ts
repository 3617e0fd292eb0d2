import bcrypt from 'bcryptjs';

/** Compares a password with a bcrypt hash; injectable so tests can count and speed up the calls. */
export type PasswordCompare = (password: string, hash: string) => Promise<boolean>;

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

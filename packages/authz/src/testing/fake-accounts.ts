import type { StoredAccount } from '../auth/accounts-policy.ts';

/**
 * A string shaped like a bcrypt hash (cost 4) standing for `text`, so the policy takes it for a usable
 * hash; only {@link fakeAccounts}' compare understands it.
 */
export function fakeBcrypt(text: string): string {
  const hex = Array.from(new TextEncoder().encode(text), (byte) => byte.toString(16).padStart(2, '0')).join(
    '',
  );
  // Long texts (random dummy secrets) are cut: only equality matters here.
  return `$2b$04$${hex.slice(0, 53).padEnd(53, '.')}`;
}

/**
 * Accounts whose "hash" is `hash:<password>` (stored as {@link fakeBcrypt}, any other value as is),
 * and a compare counting its calls.
 */
export function fakeAccounts() {
  const accounts = new Map<string, StoredAccount>();
  const counter = { calls: 0 };
  const hash = async (password: string, stored: string) => {
    counter.calls += 1;
    return stored === fakeBcrypt(`hash:${password}`);
  };
  const hashPassword = async (password: string) => fakeBcrypt(`hash:${password}`);
  const lookup = async (userId: string) => {
    const account = accounts.get(userId);
    if (!account) return null;
    const { password } = account;
    return {
      password:
        typeof password === 'string' && password.startsWith('hash:') ? fakeBcrypt(password) : password,
    };
  };
  return { accounts, counter, hash, hashPassword, lookup };
}

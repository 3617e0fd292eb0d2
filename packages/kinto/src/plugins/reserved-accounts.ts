/**
 * The account ids the settings give powers to: every `account:<id>` principal of a `*_principals`
 * setting (`account_write_principals = account:admin`, `bucket_create_principals = account:ops`...).
 * Whoever creates such an account first holds those powers, so they are never created anonymously:
 * the operator creates them with `kinto create-user` (or an administrator through the API).
 */
export function reservedAccountIds(settings: Readonly<Record<string, unknown>>): ReadonlySet<string> {
  const reserved = new Set<string>();
  for (const [name, value] of Object.entries(settings)) {
    if (!name.endsWith('_principals')) continue;
    const principals = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,]+/);
    for (const principal of principals) {
      if (principal.startsWith('account:') && principal.length > 'account:'.length)
        reserved.add(principal.slice('account:'.length));
    }
  }
  return reserved;
}

import type { Capability } from '../app/options.ts';

/** Collects the hello view capabilities of enabled features (utilities.md §1). */
export interface CapabilityRegistry {
  /** @throws Error when `name` is already registered (a start-up error, as in Kinto). */
  register(name: string, capability: Capability): void;
  /** The capabilities registered so far, by name (pass it as `ApiOptions.capabilities`). */
  list(): Readonly<Record<string, Capability>>;
}

/** A new, empty {@link CapabilityRegistry}. */
export function createCapabilityRegistry(): CapabilityRegistry {
  const capabilities: Record<string, Capability> = {};
  return {
    register(name, capability) {
      const existing = capabilities[name];
      if (existing) {
        throw new Error(`The '${name}' API capability was already registered (${JSON.stringify(existing)}).`);
      }
      capabilities[name] = { ...capability };
    },
    list() {
      return { ...capabilities };
    },
  };
}

import { registerGroups } from '../harness.ts';
import { jointTransactionGroup } from './joint.ts';
import type { TransactionConformanceOptions } from './options.ts';
import { sharedListingGroup } from './shared-listing.ts';

/**
 * Registers the joint storage + permission transaction cases with vitest, for backend packages
 * whose `Backends.transaction` spans both (call it at the top level of a test file), and the optional
 * shared listings of their transaction handles (`capabilities.sharedListing: false` skips them).
 */
export function transactionConformance(options: TransactionConformanceOptions): void {
  registerGroups('transaction conformance', [jointTransactionGroup, sharedListingGroup], options);
}

import { packageProject } from '../../vitest.shared.ts';

// Only the harness's own unit tests (ratios, targets, options, the floors' pure parts): fast and
// timing-free. The benchmark itself runs with `pnpm bench`, never under `pnpm test`.
export default packageProject('bench', 10_000, { include: ['src/**/*.test.ts'] });

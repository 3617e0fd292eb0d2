import { packageProject } from '../../vitest.shared.ts';

export default packageProject('cache-redis', 120_000);

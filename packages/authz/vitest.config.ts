import { packageProject } from '../../vitest.shared.ts';

export default packageProject('authz', 60_000);

import { packageProject } from '../../vitest.shared.ts';

export default packageProject('monitoring', 60_000);

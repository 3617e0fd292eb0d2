import { packageProject } from '../../vitest.shared.ts';

export default packageProject('batch', 60_000);

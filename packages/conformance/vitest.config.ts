import { packageProject } from '../../vitest.shared.ts';

export default packageProject('conformance', 60_000);

import { packageProject } from '../../vitest.shared.ts';

export default packageProject('http-api', 60_000);

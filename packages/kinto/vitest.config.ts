import { packageProject } from '../../vitest.shared.ts';

export default packageProject('kinto', 60_000);

import { packageProject } from '../../vitest.shared.ts';

export default packageProject('toolkit', 60_000);

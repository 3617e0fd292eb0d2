import { packageProject } from '../../vitest.shared.ts';

export default packageProject('storage-memory', 60_000);

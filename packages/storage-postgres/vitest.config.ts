import { packageProject } from '../../vitest.shared.ts';

export default packageProject('storage-postgres', 120_000);

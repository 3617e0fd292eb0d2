import { permissionConformance } from '@core/conformance';
import { createMemoryPermission } from './permission.ts';

permissionConformance({ create: () => createMemoryPermission() });

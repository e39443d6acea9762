import { join, resolve } from 'node:path';

/** packages/instrumentation. */
export const PACKAGE_ROOT = resolve(import.meta.dirname, '../..');
/** The built JavaScript the package's exports point at. */
export const DIST = join(PACKAGE_ROOT, 'dist');
/** Written last by a build: its modification time is when that build completed. */
export const BUILD_MARKER = '.built';

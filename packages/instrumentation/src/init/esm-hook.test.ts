import { describe, expect, it } from 'vitest';
import { evaluatesModuleSource } from './esm-hook.ts';

describe('evaluatesModuleSource', () => {
  it('is true for module source given with -e, --eval or -p', () => {
    expect(evaluatesModuleSource(['--input-type=module', '-e', 'await 1'])).toBe(true);
    expect(evaluatesModuleSource(['--input-type', 'module', '--eval', 'await 1'])).toBe(true);
    expect(evaluatesModuleSource(['--import', 'x', '--input-type=module', '-p', '1'])).toBe(true);
    expect(evaluatesModuleSource(['--input-type=module', '--eval=await 1'])).toBe(true);
  });

  it('is false for a file entry, CommonJS eval, or module source from stdin', () => {
    expect(evaluatesModuleSource([])).toBe(false);
    expect(evaluatesModuleSource(['--import', '@sightline/instrumentation/auto'])).toBe(false);
    expect(evaluatesModuleSource(['-e', 'require("x")'])).toBe(false);
    expect(evaluatesModuleSource(['--input-type=commonjs', '-e', 'require("x")'])).toBe(false);
    expect(evaluatesModuleSource(['--input-type=module'])).toBe(false);
  });
});

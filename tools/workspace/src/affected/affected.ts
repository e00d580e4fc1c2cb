import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ScratchWorkspace } from '../scratch/scratch-workspace';

/** `nx show projects --affected -t deploy` between two commits of a workspace. */
export function affectedDeployProjects(ws: ScratchWorkspace, base = 'HEAD~1', head = 'HEAD'): string[] {
  const out = ws.runOrThrow('npx', ['nx', 'show', 'projects', '--affected', '-t', 'deploy', `--base=${base}`, `--head=${head}`, '--json']);
  return (JSON.parse(out.slice(out.indexOf('['))) as string[]).sort();
}

interface Project {
  readonly name: string;
  readonly packageName: string;
  readonly root: string;
  readonly isApp: boolean;
}

function projects(root: string): Project[] {
  const found: Project[] = [];
  for (const folder of ['apps', 'libs', 'tools']) {
    if (!existsSync(join(root, folder))) continue;
    for (const dir of readdirSync(join(root, folder))) {
      const manifest = join(root, folder, dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; nx?: { name?: string } };
      found.push({ name: pkg.nx?.name ?? pkg.name, packageName: pkg.name, root: join(root, folder, dir), isApp: folder === 'apps' });
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](@sma\/[a-z0-9-]+)/g;

/**
 * An independent oracle for what `nx affected` should say: the apps whose
 * source imports `packageName`, directly or through other workspace packages,
 * found by reading import statements (not from Nx's project graph).
 */
export function appsImporting(root: string, packageName: string): string[] {
  const all = projects(root);
  const imports = new Map(
    all.map((p) => [
      p.packageName,
      new Set(sourceFiles(join(p.root, 'src')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(IMPORT)].map((m) => m[1]!))),
    ]),
  );
  const reaches = (from: string, seen = new Set<string>()): boolean => {
    if (seen.has(from)) return false;
    seen.add(from);
    const direct = imports.get(from) ?? new Set<string>();
    return direct.has(packageName) || [...direct].some((dep) => reaches(dep, seen));
  };
  return all.filter((p) => p.isApp && reaches(p.packageName)).map((p) => p.name).sort();
}

/** Appends a harmless line to a source file and commits it, as a developer's change would. */
export function touch(ws: ScratchWorkspace, path: string, scope: string): void {
  const content = readFileSync(join(ws.root, path), 'utf8');
  ws.commitFile(path, `${content}\n// touched by the affected demo\n`, `fix(${scope}): touch ${path}`);
}

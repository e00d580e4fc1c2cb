import type { ScratchWorkspace } from '../scratch/scratch-workspace';

export interface ReleasePlan {
  /** Projects `nx release` would bump, with their new versions. */
  readonly bumped: Readonly<Record<string, string>>;
  /** Projects it looked at and left alone. */
  readonly unchanged: readonly string[];
  /** The full dry-run output, for people to read. */
  readonly output: string;
}

/** Tags every released project at its current version, as if the last release had just happened. */
export function tagCurrentVersions(ws: ScratchWorkspace, projects: ReadonlyArray<{ name: string; version: string }>): void {
  for (const p of projects) ws.runOrThrow('git', ['tag', `${p.name}@${p.version}`]);
}

/** What `nx release --dry-run` would do now: which projects it bumps (independent versioning) and to what. */
export function releaseDryRun(ws: ScratchWorkspace): ReleasePlan {
  const output = ws.runOrThrow('npx', ['nx', 'release', '--dry-run', '--skip-publish']);
  const bumped: Record<string, string> = {};
  for (const m of output.matchAll(/^(\S+) .*New version (\S+) written to manifest/gm)) bumped[m[1]!] = m[2]!;
  const unchanged = [...output.matchAll(/^(\S+) .*No changes were detected/gm)].map((m) => m[1]!);
  return { bumped, unchanged, output };
}

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CommandFailedError } from '../errors';

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const QUIET_ENV = {
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NX_SKIP_NX_CACHE: 'true',
  NX_INTERACTIVE: 'false',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  CI: 'true',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  CDK_DISABLE_VERSION_CHECK: 'true',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  GIT_AUTHOR_NAME: 'Scratch',
  GIT_AUTHOR_EMAIL: 'scratch@example.com',
  GIT_COMMITTER_NAME: 'Scratch',
  GIT_COMMITTER_EMAIL: 'scratch@example.com',
};

/** Runs a command and returns its output; never throws on a non-zero exit. */
export function run(cwd: string, command: string, args: readonly string[]): RunResult {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...QUIET_ENV },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Runs a command and returns its stdout; throws `CommandFailedError` on a non-zero exit. */
export function runOrThrow(cwd: string, command: string, args: readonly string[]): string {
  const result = run(cwd, command, args);
  if (result.status !== 0) {
    throw new CommandFailedError([command, ...args].join(' '), result.status, `${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** The repository this code runs from (the folder holding nx.json). */
export function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No nx.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export interface ScratchWorkspace {
  readonly root: string;
  /** Writes a file (relative path) and commits it, returning nothing. */
  commitFile(path: string, content: string, message: string): void;
  /** Links workspace packages created since (e.g. by a generator) into node_modules/@sma, as `npm install` would. */
  linkWorkspacePackages(): void;
  run(command: string, args: readonly string[]): RunResult;
  runOrThrow(command: string, args: readonly string[]): string;
  dispose(): void;
}

/**
 * A throw-away copy of the repository's tracked files in a fresh git repository
 * with one baseline commit, sharing the real node_modules (each package linked)
 * except the workspace's own `@sma/*` packages, which point at the copy — so
 * code that finds the workspace root from its own location finds the copy.
 *
 * Used to prove, without touching the real checkout, what `nx affected`,
 * `nx release` and the service generator do on a real commit.
 */
export function createScratchWorkspace(source: string = repositoryRoot()): ScratchWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'sma-scratch-'));
  const files = runOrThrow(source, 'git', ['ls-files', '-z']).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(source, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(source, file), join(root, file));
  }
  mkdirSync(join(root, 'node_modules', '@sma'), { recursive: true });
  for (const entry of readdirSync(join(source, 'node_modules'))) {
    if (entry === '@sma') continue;
    symlinkSync(join(source, 'node_modules', entry), join(root, 'node_modules', entry));
  }
  linkWorkspacePackages(root);
  runOrThrow(root, 'git', ['init', '-q', '-b', 'main']);
  runOrThrow(root, 'git', ['add', '-A']);
  runOrThrow(root, 'git', ['commit', '-q', '-m', 'chore: baseline']);

  return {
    root,
    commitFile(path, content, message) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
      runOrThrow(root, 'git', ['add', path]);
      runOrThrow(root, 'git', ['commit', '-q', '-m', message]);
    },
    linkWorkspacePackages: () => linkWorkspacePackages(root),
    run: (command, args) => run(root, command, args),
    runOrThrow: (command, args) => runOrThrow(root, command, args),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}


function linkWorkspacePackages(root: string): void {
  for (const folder of ['apps', 'libs', 'tools']) {
    if (!existsSync(join(root, folder))) continue;
    for (const project of readdirSync(join(root, folder))) {
      if (!existsSync(join(root, folder, project, 'package.json'))) continue;
      const { name } = JSON.parse(readFileSync(join(root, folder, project, 'package.json'), 'utf8')) as { name: string };
      const link = join(root, 'node_modules', name);
      if (name.startsWith('@sma/') && !existsSync(link)) symlinkSync(join(root, folder, project), link);
    }
  }
}

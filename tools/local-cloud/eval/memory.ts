/**
 * The memory each engine's models take: a fresh child process per engine
 * measures its resident set before and after `warmUp()` (so one engine's
 * models do not hide another's), and prints JSON the parent collects.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export type EngineName = 'comprehend' | 'rekognition' | 'lex';

export interface MemoryFigure {
  readonly engine: EngineName;
  readonly rssBefore: number;
  readonly rssAfter: number;
  readonly heapAfter: number;
  readonly warmUpMs: Record<string, number>;
}

export function measureInChild(engine: EngineName): MemoryFigure {
  const child = spawnSync(process.execPath, [...process.execArgv, resolve(__dirname, 'memory-child.ts'), engine], {
    encoding: 'utf8',
    cwd: join(__dirname, '..', '..', '..'),
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
  if (child.status !== 0 || !line) throw new Error(`memory measurement of ${engine} failed: ${child.stderr.slice(-2000)}`);
  return JSON.parse(line) as MemoryFigure;
}

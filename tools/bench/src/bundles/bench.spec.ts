import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stackOf } from '../templates/__testing__/stack';
import type { FunctionShape } from '../templates/functions';
import { matchFunctions } from './bench';
import type { Bundle } from './discover';

const assemblyDir = mkdtempSync(join(tmpdir(), 'bench-match-'));
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

function fnWithAsset(logicalId: string, handlerFile: string, content: string | undefined): FunctionShape {
  const assetDir = join(assemblyDir, `asset.${logicalId}`);
  mkdirSync(assetDir, { recursive: true });
  if (content !== undefined) writeFileSync(join(assetDir, `${handlerFile}.js`), content);
  return { stack: stackOf({ Resources: {} }), logicalId, handlerFile, memoryMb: 256, timeoutSeconds: 10, architecture: 'arm64', assetDir, environment: {} };
}

const bundleOf = (id: string, content: string): Bundle => ({
  id,
  folder: id.split('/')[0]!,
  path: `/dist/apps/${id}`,
  bytes: content.length,
  gzipBytes: 0,
  sha256: sha(content),
  build: undefined,
});

describe('matchFunctions', () => {
  it('ties a bundle to the function whose code asset holds the same bytes', () => {
    const old = fnWithAsset('OldCopy', 'transform', 'old build');
    const current = fnWithAsset('Current', 'transform', 'new build');
    const [subject] = matchFunctions([bundleOf('analytics/transform.js', 'new build')], [old, current]);
    expect(subject).toMatchObject({ fn: current, match: 'asset' });
  });

  it("falls back to the only function of that handler when its asset differs (a stale template), and to none", () => {
    const stale = fnWithAsset('Egress', 'egress', 'synthesized yesterday');
    const subjects = matchFunctions([bundleOf('egress/egress.js', 'built today'), bundleOf('x/unknown.js', 'x')], [stale]);
    expect(subjects.map((s) => [s.match, s.fn?.logicalId])).toEqual([
      ['stale-template', 'Egress'],
      ['none', undefined],
    ]);
  });
});

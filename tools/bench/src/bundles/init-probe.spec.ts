import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MeasurementError } from '../errors';
import { lambdaEnvironment, probeInit, type ProbeTarget } from './init-probe';

const dir = mkdtempSync(join(tmpdir(), 'bench-probe-'));
const write = (name: string, code: string): string => {
  const path = join(dir, name);
  writeFileSync(path, code);
  return path;
};
const target = (bundlePath: string, environment: Record<string, string> = {}): ProbeTarget => ({
  bundlePath,
  exportName: 'handler',
  environment,
  memoryMb: 256,
  functionName: 'Sample-Fn',
});

describe('probeInit: one cold load in a fresh Node process', () => {
  it('times the require of the handler module and counts the module files it loaded', () => {
    const path = write('fine.js', 'const start = Date.now(); while (Date.now() - start < 30) {} exports.handler = async () => 1;');
    const sample = probeInit(target(path), 'eu-west-1');
    expect(sample.initMs).toBeGreaterThanOrEqual(29);
    expect(sample.readyMs).toBeGreaterThan(sample.initMs);
    expect(sample.modules).toBe(1);
    expect(sample.fromNodeModules).toBe(0);
  });

  it("runs with the function's environment and Lambda's own variables, not the caller's", () => {
    process.env['SMA_BENCH_LEAK'] = 'leaked';
    const path = write(
      'env.js',
      `if (process.env.TABLE !== 'Table' || process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE !== '256' || process.env.AWS_REGION !== 'eu-west-1') throw new Error('wrong environment');
       if (process.env.SMA_BENCH_LEAK) throw new Error('the parent environment leaked');
       exports.handler = async () => 1;`,
    );
    expect(probeInit(target(path, { TABLE: 'Table' }), 'eu-west-1').modules).toBe(1);
    delete process.env['SMA_BENCH_LEAK'];
  });

  it('reports a module that throws at init, or exports no handler, as a MeasurementError', () => {
    expect(() => probeInit(target(write('throws.js', "throw new Error('IMAGE_BUCKET is not set');")), 'eu-west-1')).toThrow(
      /IMAGE_BUCKET is not set/,
    );
    expect(() => probeInit(target(write('nohandler.js', 'exports.main = () => 1;')), 'eu-west-1')).toThrow(MeasurementError);
  });

  it("lets the function's variables override the runtime's", () => {
    expect(lambdaEnvironment(target('/x/fn.js', { AWS_REGION: 'us-west-2' }), 'eu-west-1')).toMatchObject({
      AWS_REGION: 'us-west-2',
      LAMBDA_TASK_ROOT: '/x',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    });
  });
});

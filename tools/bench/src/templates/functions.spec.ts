import { TemplateShapeError } from '../errors';
import { stackOf } from './__testing__/stack';
import { functionsOf } from './functions';

describe('functionsOf', () => {
  it('reads handler file, memory, timeout, architecture, asset folder and resolved environment', () => {
    const stack = stackOf({
      Resources: {
        Table: { Type: 'AWS::DynamoDB::Table' },
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Handler: 'twitter.handler',
            MemorySize: 512,
            Timeout: 10,
            Architectures: ['arm64'],
            Environment: { Variables: { TABLE: { Ref: 'Table' }, NODE_OPTIONS: '--enable-source-maps' } },
          },
          Metadata: { 'aws:asset:path': 'asset.abc' },
        },
      },
    });
    expect(functionsOf([stack])).toEqual([
      {
        stack,
        logicalId: 'Fn',
        handlerFile: 'twitter',
        memoryMb: 512,
        timeoutSeconds: 10,
        architecture: 'arm64',
        assetDir: '/nowhere/cdk.out/asset.abc',
        environment: { TABLE: 'Table', NODE_OPTIONS: '--enable-source-maps' },
      },
    ]);
  });

  it("applies Lambda's defaults (128 MB, 3 s, x86_64) when the template leaves them out", () => {
    const [fn] = functionsOf([stackOf({ Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'a.b.handler' } } } })]);
    expect(fn).toMatchObject({ handlerFile: 'a.b', memoryMb: 128, timeoutSeconds: 3, architecture: 'x86_64', assetDir: undefined });
  });

  it('refuses a handler that is not <file>.<export>', () => {
    expect(() => functionsOf([stackOf({ Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index' } } } })])).toThrow(
      TemplateShapeError,
    );
  });
});

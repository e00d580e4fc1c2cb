import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { BusRule } from './bus-rule';
import { HandlerFunction } from './handler-function';
import { synthWithNag } from './testing';

// A handler whose folder also holds a native module and a font, as an image renderer's does.
const bundleDir = mkdtempSync(join(tmpdir(), 'sma-native-bundle-'));
writeFileSync(join(bundleDir, 'render.js'), 'exports.handler = async () => "ok";\n');
writeFileSync(join(bundleDir, 'other.js'), 'exports.handler = async () => "other";\n');
mkdirSync(join(bundleDir, 'fonts'));
writeFileSync(join(bundleDir, 'fonts', 'Label.ttf'), 'font');

describe('Lambda targets of bus rules', () => {
  const { template, findings } = synthWithNag((app) => {
    const s = new Stack(app, 'Renderer');
    const fn = new HandlerFunction(s, 'Render', {
      service: 'demo',
      handler: 'render',
      description: 'renders',
      bundleDir,
      extraAssetPaths: ['fonts', 'node_modules'],
    });
    const rule = new BusRule(s, 'Analysed', {
      description: 'analysed messages',
      detailTypes: ['MESSAGE_ANALYSED'],
      target: (delivery) => new targets.LambdaFunction(fn.function, delivery),
    });
    rule.catchFunctionErrors(fn.function, { retryAttempts: 1, maxEventAge: Duration.hours(1) });
    return s;
  });

  it('sends the errors the function throws to the rule dead-letter queue after Lambda retries', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AnalysedDeadLetters'), 'Arn'] } },
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['sqs:SendMessage']),
            Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AnalysedDeadLetters'), 'Arn'] },
          }),
        ]),
      },
    });
    expect(findings).toEqual([]);
  });

  it('packages the extra paths of the bundle folder with the handler', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'sma-asset-'));
    const app = new App({ outdir });
    new HandlerFunction(new Stack(app, 'Packaged'), 'Render', {
      service: 'demo',
      handler: 'render',
      description: 'renders',
      bundleDir,
      extraAssetPaths: ['fonts'],
    });
    app.synth();
    const assets = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
    expect(assets).toHaveLength(1);
    expect(readdirSync(join(outdir, assets[0]!)).sort()).toEqual(['fonts', 'render.js']);
    expect(readdirSync(join(outdir, assets[0]!, 'fonts'))).toEqual(['Label.ttf']);
  });
});

import { TemplateShapeError } from '../errors';
import { stackOf } from '../templates/__testing__/stack';
import type { Template } from '../templates/assembly';
import { templateTopology } from './template-topology';

const getAtt = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });

/** One stack holding one of everything the topology reads. */
function sampleTemplate(): { Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }> } {
  return {
    Resources: {
      Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'Plumbing' } },
      Archive: { Type: 'AWS::Events::Archive', Properties: { SourceArn: getAtt('Bus'), EventPattern: { source: [{ prefix: '' }] } } },
      WorkerRole: { Type: 'AWS::IAM::Role' },
      WorkerPolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          Roles: [{ Ref: 'WorkerRole' }],
          PolicyDocument: {
            Statement: [
              { Action: 'events:PutEvents', Condition: { 'ForAllValues:StringEquals': { 'events:source': ['RESPONDING'], 'events:detail-type': ['SEND_REPLY'] } } },
            ],
          },
        },
      },
      Worker: {
        Type: 'AWS::Lambda::Function',
        Properties: { Handler: 'worker.handler', MemorySize: 512, Architectures: ['arm64'], Role: getAtt('WorkerRole'), TracingConfig: { Mode: 'Active' } },
        Metadata: { 'aws:asset:path': 'asset.1' },
      },
      Log: { Type: 'AWS::Logs::LogGroup' },
      Table: { Type: 'AWS::DynamoDB::Table' },
      OnAnalysed: {
        Type: 'AWS::Events::Rule',
        Properties: { EventBusName: 'Plumbing', State: 'ENABLED', EventPattern: { 'detail-type': ['MESSAGE_ANALYSED'] }, Targets: [{ Arn: getAtt('Worker') }] },
      },
      CatchAll: {
        Type: 'AWS::Events::Rule',
        Properties: {
          EventBusName: { Ref: 'Bus' },
          EventPattern: { source: [{ prefix: '' }] },
          Targets: [{ Arn: { 'Fn::Join': ['', ['arn:aws:logs:us-east-1:1:log-group:', { Ref: 'Log' }]] } }, { Arn: getAtt('Stream') }],
        },
      },
      OtherBus: {
        Type: 'AWS::Events::Rule',
        Properties: { EventBusName: 'Other', EventPattern: { source: ['X'] }, Targets: [{ Arn: { Ref: 'Queue' } }] },
      },
      Workflow: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          StateMachineType: 'EXPRESS',
          DefinitionString: {
            'Fn::Join': ['', ['{"StartAt":"Go","States":{"Go":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"', getAtt('Worker'), '"},"End":true}}}']],
          },
        },
      },
      Stream: {
        Type: 'AWS::KinesisFirehose::DeliveryStream',
        Properties: {
          ExtendedS3DestinationConfiguration: {
            BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 64 },
            DynamicPartitioningConfiguration: { Enabled: true },
            ProcessingConfiguration: {
              Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: getAtt('Worker') }, { ParameterName: 'BufferIntervalInSeconds', ParameterValue: '30' }] }],
            },
          },
        },
      },
      Api: { Type: 'AWS::ApiGateway::RestApi' },
      Twitter: { Type: 'AWS::ApiGateway::Resource', Properties: { PathPart: 'twitter', ParentId: getAtt('Api', 'RootResourceId') } },
      TwitterPost: {
        Type: 'AWS::ApiGateway::Method',
        Properties: { HttpMethod: 'POST', ResourceId: { Ref: 'Twitter' }, Integration: { Uri: { 'Fn::Join': ['', ['arn:aws:apigateway:path/functions/', getAtt('Worker'), '/invocations']] } } },
      },
      Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { AccessLogSetting: { Format: '{"id":"$context.requestId"}' } } },
      Bot: {
        Type: 'AWS::Lex::Bot',
        Properties: { BotLocales: [{ Intents: [{ Name: 'Joke', FulfillmentCodeHook: { Enabled: true } }, { Name: 'FallbackIntent', FulfillmentCodeHook: { Enabled: true } }] }] },
      },
      Alias: {
        Type: 'AWS::Lex::BotAlias',
        Properties: { BotAliasLocaleSettings: [{ BotAliasLocaleSetting: { CodeHookSpecification: { LambdaCodeHook: { LambdaArn: getAtt('Worker') } } } }] },
      },
    },
  };
}

const topologyOf = (template: ReturnType<typeof sampleTemplate>) => templateTopology([stackOf(template as unknown as Template)]);

describe('templateTopology: the shape read from synthesized templates', () => {
  const topology = topologyOf(sampleTemplate());

  it('reads functions with memory, architecture, publish grants and bundle', () => {
    expect(topology.functions['Sample/worker']).toEqual({
      id: 'Sample/worker',
      stack: 'Sample',
      handler: 'worker',
      memoryMb: 512,
      architecture: 'arm64',
      mayPublish: ['SEND_REPLY'],
      bundle: { path: '/nowhere/cdk.out/asset.1/worker.js', environment: {} },
    });
    expect(topology.traced).toBe(true);
    expect(topology.idempotencyTables).toEqual(['Sample']);
  });

  it('reads the rules on the Plumbing bus (by name or by reference) and the archive, and ignores other buses', () => {
    expect(topology.rules.map((r) => [r.id, r.targets])).toEqual([
      ['Sample/OnAnalysed', [{ kind: 'function', id: 'Sample/worker' }]],
      ['Sample/CatchAll', [{ kind: 'logGroup', id: 'Sample/Log' }, { kind: 'deliveryStream', id: 'Sample/Stream' }]],
      ['Sample/Archive', [{ kind: 'archive', id: 'Sample/Archive' }]],
    ]);
  });

  it('reads the workflow: type, definition with intrinsics resolved, its functions, its states', () => {
    const workflow = topology.stateMachines['Sample/Workflow']!;
    expect(workflow.type).toBe('EXPRESS');
    expect(workflow.stateCount).toBe(1);
    const arn = (workflow.definition.States['Go']!.Parameters as { FunctionName: string }).FunctionName;
    expect(workflow.functionsByArn[arn]).toBe('Sample/worker');
  });

  it('reads the delivery stream, the API entry and the Lex code hook', () => {
    expect(topology.deliveryStreams['Sample/Stream']).toEqual({
      id: 'Sample/Stream',
      bufferSeconds: 60,
      dynamicPartitioning: true,
      processor: { function: 'Sample/worker', bufferSeconds: 30 },
    });
    expect(topology.entry).toEqual({ function: 'Sample/worker', apiRequests: 1, accessLogBytes: '{"id":""}'.length + 16 });
    expect(topology.lexFulfilment).toBe('Sample/worker');
  });

  it('refuses what it cannot price or would have to guess', () => {
    const queueTarget = sampleTemplate();
    (queueTarget.Resources['OnAnalysed']!.Properties!['Targets'] as unknown[]).push({ Arn: { Ref: 'Queue' } });
    queueTarget.Resources['Queue'] = { Type: 'AWS::SQS::Queue' };
    expect(() => topologyOf(queueTarget)).toThrow(/does not price/);

    const someIntents = sampleTemplate();
    (someIntents.Resources['Bot']!.Properties!['BotLocales'] as Array<{ Intents: Array<Record<string, unknown>> }>)[0]!.Intents.push({ Name: 'Fact' });
    expect(() => topologyOf(someIntents)).toThrow(/2 of 3 intents/);

    const anyEvent = sampleTemplate();
    (anyEvent.Resources['WorkerPolicy']!.Properties!['PolicyDocument'] as { Statement: Array<Record<string, unknown>> }).Statement[0]!['Condition'] = {};
    expect(() => topologyOf(anyEvent)).toThrow(TemplateShapeError);
  });
});

import { Duration } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { synthWithNag } from '@sma/cdk/testing';
import { PLUMBING_BUS_NAME, SECRET_NAMES, TWITTER_DETAIL_TYPES } from '@sma/contracts';
import { IngressStack, type IngressStackProps } from './stack';

const synth = (props: IngressStackProps = {}) => synthWithNag((app) => new IngressStack(app, 'Ingress', props));

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: unknown };
const resources = (template: Template, type: string) => Object.entries(template.findResources(type)) as Array<[string, Resource]>;

/** The logical id of the function whose handler is `<name>.handler`. */
const functionId = (template: Template, name: string) =>
  resources(template, 'AWS::Lambda::Function').find(([, r]) => r.Properties['Handler'] === `${name}.handler`)![0];

/** The statements of the policies attached to the role of a function. */
function statementsOf(template: Template, name: string): Array<Record<string, unknown>> {
  const fn = resources(template, 'AWS::Lambda::Function').find(([, r]) => r.Properties['Handler'] === `${name}.handler`)![1];
  const roleId = (fn.Properties['Role'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return resources(template, 'AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties['Roles'] as Array<{ Ref: string }>).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => (p.Properties['PolicyDocument'] as { Statement: Array<Record<string, unknown>> }).Statement);
}

/** The resource path of each API method, e.g. `POST /twitter`. */
function methods(template: Template): Map<string, Resource> {
  const paths = new Map<string, string>();
  const all = resources(template, 'AWS::ApiGateway::Resource');
  const pathOf = (id: string): string => {
    if (paths.has(id)) return paths.get(id)!;
    const resource = all.find(([rid]) => rid === id)![1];
    const parent = resource.Properties['ParentId'] as { Ref?: string; 'Fn::GetAtt'?: unknown };
    const prefix = parent.Ref ? pathOf(parent.Ref) : '';
    const path = `${prefix}/${resource.Properties['PathPart'] as string}`;
    paths.set(id, path);
    return path;
  };
  return new Map(
    resources(template, 'AWS::ApiGateway::Method').map(([, m]) => {
      const ref = (m.Properties['ResourceId'] as { Ref?: string }).Ref;
      return [`${m.Properties['HttpMethod'] as string} ${ref ? pathOf(ref) : '/'}`, m];
    }),
  );
}

describe('IngressStack', () => {
  const { template, findings } = synth();
  const api = methods(template);

  it('passes cdk-nag AwsSolutions with no unacknowledged findings', () => {
    expect(findings).toEqual([]);
  });

  it('declares exactly the routes of the issue, plus 404/405 answers from the API itself', () => {
    expect([...api.keys()].sort()).toEqual(
      [
        'ANY /',
        'ANY /{proxy+}',
        'ANY /slack',
        'ANY /twitter',
        'ANY /webhook',
        'ANY /webhook/{source}',
        'GET /twitter',
        'POST /slack',
        'POST /twitter',
        'POST /webhook/{source}',
      ].sort(),
    );
  });

  it.each([
    ['GET /twitter', 'twitter'],
    ['POST /twitter', 'twitter'],
    ['POST /slack', 'slack'],
    ['POST /webhook/{source}', 'webhook'],
  ])('%s is a Lambda proxy integration of the %s function, validated', (route, handler) => {
    const method = api.get(route)!;
    const integration = method.Properties['Integration'] as { Type: string; IntegrationHttpMethod: string; Uri: unknown };
    expect(integration.Type).toBe('AWS_PROXY');
    expect(integration.IntegrationHttpMethod).toBe('POST');
    expect(JSON.stringify(integration.Uri)).toContain(functionId(template, handler));
    expect(method.Properties['RequestValidatorId']).toBeDefined();
    expect(method.Properties['AuthorizationType']).toBe('NONE');
  });

  it('requires the CRC token on GET /twitter and a JSON object body on the POSTs', () => {
    expect(api.get('GET /twitter')!.Properties['RequestParameters']).toEqual({ 'method.request.querystring.crc_token': true });
    for (const route of ['POST /twitter', 'POST /slack', 'POST /webhook/{source}']) {
      expect(api.get(route)!.Properties['RequestModels']).toEqual({ $default: { Ref: expect.stringMatching(/^ApiJsonObject/) } });
    }
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      Name: 'JsonObject',
      ContentType: 'application/json',
      Schema: { $schema: 'http://json-schema.org/draft-04/schema#', title: 'JsonObject', type: 'object' },
    });
  });

  it.each([
    ['ANY /twitter', 'GET, POST'],
    ['ANY /slack', 'POST'],
    ['ANY /webhook/{source}', 'POST'],
  ])('%s answers 405 with Allow: %s from a mock', (route, allow) => {
    const integration = api.get(route)!.Properties['Integration'] as {
      Type: string;
      RequestTemplates: Record<string, string>;
      IntegrationResponses: Array<{ StatusCode: string; ResponseParameters: Record<string, string> }>;
    };
    expect(integration.Type).toBe('MOCK');
    expect(JSON.parse(integration.RequestTemplates['application/json']!)).toEqual({ statusCode: 405 });
    expect(integration.IntegrationResponses).toEqual([
      expect.objectContaining({ StatusCode: '405', ResponseParameters: { 'method.response.header.Allow': `'${allow}'` } }),
    ]);
  });

  it.each(['ANY /', 'ANY /webhook', 'ANY /{proxy+}'])('%s answers 404 from a mock', (route) => {
    const integration = api.get(route)!.Properties['Integration'] as { Type: string; IntegrationResponses: Array<{ StatusCode: string }> };
    expect(integration.Type).toBe('MOCK');
    expect(integration.IntegrationResponses.map((r) => r.StatusCode)).toEqual(['404']);
  });

  it('throttles, traces and logs the stage, without logging bodies', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('validationError') },
      MethodSettings: [
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: 50,
          ThrottlingBurstLimit: 100,
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
        }),
      ],
    });
  });

  it('uses only plain API Gateway resource types (the local cloud runs the template as it is)', () => {
    const types = new Set(Object.values(template.toJSON()['Resources'] as Record<string, { Type: string }>).map((r) => r.Type));
    expect([...types].filter((t) => t.startsWith('AWS::ApiGateway::')).sort()).toEqual(
      [
        'AWS::ApiGateway::Account',
        'AWS::ApiGateway::Deployment',
        'AWS::ApiGateway::Method',
        'AWS::ApiGateway::Model',
        'AWS::ApiGateway::RequestValidator',
        'AWS::ApiGateway::Resource',
        'AWS::ApiGateway::RestApi',
        'AWS::ApiGateway::Stage',
      ].sort(),
    );
    expect([...types].filter((t) => t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource')).toEqual([]);
    expect(resources(template, 'AWS::Lambda::Function').map(([, f]) => f.Properties['Handler']).sort()).toEqual([
      'slack.handler',
      'twitter.handler',
      'webhook.handler',
    ]);
  });

  it('creates the idempotency table keyed on id with TTL on expiration, on demand', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('does not create the channel secrets (they are referenced by name)', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
  });

  it.each([
    ['twitter', SECRET_NAMES.twitter, ['TWITTER'], [...TWITTER_DETAIL_TYPES, 'MESSAGE_RECEIVED']],
    ['slack', SECRET_NAMES.slack, ['INGRESS', 'SLACK'], ['SLACK_EVENT', 'MESSAGE_RECEIVED']],
    ['webhook', SECRET_NAMES.webhook, ['INGRESS', 'WEBHOOK'], ['WEBHOOK_EVENT', 'MESSAGE_RECEIVED']],
  ])('the %s function may read its own secret, use the table and publish its detail-types to the Plumbing bus only', (handler, secret, sources, detailTypes) => {
    const statements = statementsOf(template, handler);
    const byAction = (action: string) => statements.filter((s) => ([] as string[]).concat(s['Action'] as string).includes(action));

    const publish = byAction('events:PutEvents');
    expect(publish).toHaveLength(1);
    expect(JSON.stringify(publish[0]!['Resource'])).toContain(`:event-bus/${PLUMBING_BUS_NAME}`);
    const conditions = (publish[0]!['Condition'] as Record<string, Record<string, string[]>>)['ForAllValues:StringEquals']!;
    expect(conditions['events:detail-type']).toEqual(detailTypes);
    expect(conditions['events:source']).toEqual(handler === 'twitter' ? ['INGRESS', 'TWITTER'] : sources);

    const secrets = byAction('secretsmanager:GetSecretValue');
    expect(secrets).toHaveLength(1);
    expect(JSON.stringify(secrets[0]!['Resource'])).toContain(`:secret:${secret}-??????`);

    const table = statements.filter((s) => JSON.stringify(s['Action']).includes('dynamodb:'));
    expect(table).toHaveLength(1);
    expect([...(table[0]!['Action'] as string[])].sort()).toEqual(
      ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'].sort(),
    );

    const actions = statements.flatMap((s) => ([] as string[]).concat(s['Action'] as string));
    expect(actions.filter((a) => !/^(logs|xray|events|secretsmanager|dynamodb):/.test(a))).toEqual([]);
    expect(actions.filter((a) => a.endsWith(':*'))).toEqual([]);
  });

  it('lets API Gateway invoke each function only from its own methods', () => {
    const permissions = resources(template, 'AWS::Lambda::Permission').map(([, p]) => ({
      principal: p.Properties['Principal'],
      fn: JSON.stringify(p.Properties['FunctionName']),
      arn: JSON.stringify(p.Properties['SourceArn']),
    }));
    const routeOf = (arn: string) => /"\/(GET|POST)\/([^"]+)"\]\]\}$/.exec(arn)?.slice(1).join(' ');
    const granted = permissions.map((p) => {
      expect(p.principal).toBe('apigateway.amazonaws.com');
      expect(p.arn).toMatch(/ApiDeploymentStagev1/);
      const handler = ['twitter', 'slack', 'webhook'].find((h) => p.fn.includes(functionId(template, h)));
      return `${routeOf(p.arn)} -> ${handler}`;
    });
    expect(granted.sort()).toEqual(['GET twitter -> twitter', 'POST slack -> slack', 'POST twitter -> twitter', 'POST webhook/* -> webhook']);
  });

  it('configures each function from the environment the runtime reads', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'slack.handler',
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Environment: {
        Variables: Match.objectLike({
          IDEMPOTENCY_TABLE_NAME: { Ref: Match.stringLikeRegexp('^Idempotency') },
          IDEMPOTENCY_TTL_SECONDS: String(7 * 24 * 3600),
          SECRETS_MAX_AGE_SECONDS: '300',
          POWERTOOLS_SERVICE_NAME: 'ingress',
        }),
      },
    });
  });

  it('alarms on server errors and outputs the URLs to register with the platforms', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5XXError', Threshold: 1 });
    for (const output of ['TwitterWebhookUrl', 'SlackRequestUrl', 'WebhookUrl']) template.hasOutput(output, {});
  });

  it('takes its settings as props', () => {
    const custom = synth({
      stageName: 'prod',
      throttlingRateLimit: 5,
      throttlingBurstLimit: 10,
      idempotencyTtl: Duration.days(2),
      secretsMaxAge: Duration.minutes(1),
      manageApiGatewayAccount: false,
    });
    expect(custom.findings).toEqual([]);
    custom.template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 })],
    });
    custom.template.resourceCountIs('AWS::ApiGateway::Account', 0);
    custom.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ IDEMPOTENCY_TTL_SECONDS: String(2 * 24 * 3600), SECRETS_MAX_AGE_SECONDS: '60' }) },
    });
  });
});

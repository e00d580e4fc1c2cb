import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface IngressApiProps {
  /** The function behind `GET` and `POST /twitter`. */
  readonly twitter: lambda.IFunction;
  /** The function behind `POST /slack`. */
  readonly slack: lambda.IFunction;
  /** The function behind `POST /webhook/{source}`. */
  readonly webhook: lambda.IFunction;
  /** @default 'v1' */
  readonly stageName?: string;
  /** Steady-state requests per second for the whole stage. @default 50 */
  readonly throttlingRateLimit?: number;
  /** Burst above the rate. @default 100 */
  readonly throttlingBurstLimit?: number;
  /**
   * Create the region's API Gateway account settings (the CloudWatch Logs role
   * execution and access logs need). One per account and region: turn it off
   * if another stack already manages it.
   * @default true
   */
  readonly manageApiGatewayAccount?: boolean;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly accessLogRetention?: logs.RetentionDays;
}

type ProxyMethod = 'GET' | 'POST';

/**
 * The REST API in front of the channel functions. Every method is declared
 * (no catch-all to a Lambda): paths that do not exist answer 404 and methods a
 * path does not serve answer 405 with `Allow`, both from mock integrations of
 * the API itself, so a scan never reaches, or bills, a function. Requests are
 * validated before the Lambda where API Gateway can (the CRC token's presence,
 * a JSON object body); signatures are checked in the functions, over the raw
 * bytes, because no authorizer type can do that.
 */
export class IngressApi extends Construct {
  readonly api: apigw.RestApi;
  readonly accessLogs: logs.LogGroup;

  private readonly validator: apigw.RequestValidator;
  private readonly jsonObject: apigw.Model;

  constructor(scope: Construct, id: string, props: IngressApiProps) {
    super(scope, id);
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const manageAccount = props.manageApiGatewayAccount ?? true;
    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: 'sma-ingress',
      description: 'Serverless Message Analyser ingress: X Account Activity, Slack Events API and signed generic webhooks',
      endpointTypes: [apigw.EndpointType.REGIONAL],
      cloudWatchRole: manageAccount,
      ...(manageAccount ? { cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN } : {}),
      deployOptions: {
        stageName: props.stageName ?? 'v1',
        throttlingRateLimit: props.throttlingRateLimit ?? 50,
        throttlingBurstLimit: props.throttlingBurstLimit ?? 100,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        // Bodies carry people's messages and signatures: never in the execution log.
        dataTraceEnabled: false,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: apigw.AccessLogField.contextRequestId(),
            ip: apigw.AccessLogField.contextIdentitySourceIp(),
            requestTime: apigw.AccessLogField.contextRequestTime(),
            method: apigw.AccessLogField.contextHttpMethod(),
            resource: apigw.AccessLogField.contextResourcePath(),
            status: apigw.AccessLogField.contextStatus(),
            responseLength: apigw.AccessLogField.contextResponseLength(),
            integrationLatency: apigw.AccessLogField.contextIntegrationLatency(),
            error: apigw.AccessLogField.contextErrorMessage(),
            validationError: apigw.AccessLogField.contextErrorValidationErrorString(),
          }),
        ),
      },
    });

    this.validator = this.api.addRequestValidator('Validator', {
      requestValidatorName: 'parameters-and-body',
      validateRequestParameters: true,
      validateRequestBody: true,
    });
    // Only the envelope: the functions give precise messages for anything deeper.
    this.jsonObject = this.api.addModel('JsonObject', {
      modelName: 'JsonObject',
      contentType: 'application/json',
      description: 'Any JSON object: refuses bodies that are not JSON, or not an object, before a function runs',
      schema: { schema: apigw.JsonSchemaVersion.DRAFT4, title: 'JsonObject', type: apigw.JsonSchemaType.OBJECT },
    });

    const root = this.api.root;
    const twitter = root.addResource('twitter');
    this.route(twitter, 'GET', props.twitter, { 'method.request.querystring.crc_token': true });
    this.route(twitter, 'POST', props.twitter);
    this.refuseOtherMethods(twitter, ['GET', 'POST']);

    const slack = root.addResource('slack');
    this.route(slack, 'POST', props.slack);
    this.refuseOtherMethods(slack, ['POST']);

    const webhook = root.addResource('webhook');
    const source = webhook.addResource('{source}');
    this.route(source, 'POST', props.webhook, { 'method.request.path.source': true });
    this.refuseOtherMethods(source, ['POST']);

    // Everything else: 404 from the API, whatever the method.
    for (const resource of [root, webhook]) resource.addMethod('ANY', notFound(), notFoundOptions);
    root.addProxy({ anyMethod: true, defaultIntegration: notFound(), defaultMethodOptions: notFoundOptions });

    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-APIG4',
        reason:
          'Callers are X, Slack and webhook senders, which cannot use IAM, Cognito or API keys; every Lambda route verifies an HMAC signature over the raw body, and the other routes are mocks that only answer 404/405.',
      },
      {
        id: 'AwsSolutions-COG4',
        reason: 'Platform webhooks cannot present Cognito tokens; requests are authenticated by their HMAC signatures.',
      },
      {
        id: 'AwsSolutions-APIG3',
        reason:
          'No WAF: the API accepts signed platform webhooks only, is throttled at the stage, refuses unsigned requests in the function before any write, and answers unknown paths from mocks.',
      },
    );
    if (manageAccount) {
      Validations.of(this.api).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: 'The AWS-managed policy API Gateway documents for its account-level CloudWatch Logs role.',
      });
    }
  }

  /** The stage URL of a path, e.g. `/twitter`. */
  urlFor(path: string): string {
    return this.api.urlForPath(path);
  }

  private route(
    resource: apigw.IResource,
    method: ProxyMethod,
    fn: lambda.IFunction,
    requestParameters: Record<string, boolean> = {},
  ): apigw.Method {
    return resource.addMethod(method, new apigw.LambdaIntegration(fn, { proxy: true, allowTestInvoke: false }), {
      requestValidator: this.validator,
      requestParameters,
      ...(method === 'POST' ? { requestModels: { $default: this.jsonObject } } : {}),
    });
  }

  private refuseOtherMethods(resource: apigw.IResource, allowed: readonly ProxyMethod[]): void {
    // ANY matches only the methods not declared on the resource.
    resource.addMethod('ANY', mockAnswer(405, 'Method Not Allowed', allowed.join(', ')), {
      methodResponses: [{ statusCode: '405', responseParameters: { 'method.response.header.Allow': true } }],
    });
  }
}

/** A mock integration answering a fixed status and JSON message, optionally with an `Allow` header. */
function mockAnswer(status: number, message: string, allow?: string): apigw.MockIntegration {
  return new apigw.MockIntegration({
    requestTemplates: { 'application/json': JSON.stringify({ statusCode: status }) },
    integrationResponses: [
      {
        statusCode: String(status),
        responseTemplates: { 'application/json': JSON.stringify({ message }) },
        ...(allow ? { responseParameters: { 'method.response.header.Allow': `'${allow}'` } } : {}),
      },
    ],
  });
}

const notFound = () => mockAnswer(404, 'Not Found');
const notFoundOptions: apigw.MethodOptions = { methodResponses: [{ statusCode: '404' }] };

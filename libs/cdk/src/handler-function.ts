import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { METRIC_NAMESPACE } from '@sma/contracts';
import { BundleNotFoundError } from './errors';
import { bundleDirOf } from './workspace';

export interface HandlerFunctionProps {
  /** The service (app folder) whose `build` output holds the bundle, e.g. `ingress`. */
  readonly service: string;
  /** The handler's file name in `src/handlers/` without extension; the bundle is `<handler>.js`. */
  readonly handler: string;
  /** What the function does, shown in the console. */
  readonly description: string;
  /** Extra environment variables. */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** Reserved concurrency, to protect downstream platforms' rate limits. @default none */
  readonly reservedConcurrentExecutions?: number;
  /** The folder holding the bundles. @default `<workspace>/dist/apps/<service>/lambda` */
  readonly bundleDir?: string;
  /** Powertools log level. @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * Files or folders of `bundleDir` packaged with the handler besides its bundle
   * and source map, e.g. `node_modules` holding a native module, or `fonts`.
   * @default none: the asset is the bundle and its source map only
   */
  readonly extraAssetPaths?: readonly string[];
}

/**
 * A Lambda function from a bundle that `nx build` wrote, the way every service
 * runs code: Node 22 on arm64 (cheaper per GB-s than x86), source maps on, X-Ray
 * active, Powertools configured, and its own log group with a retention.
 *
 * The role is built here rather than by `lambda.Function` so that it gets no
 * managed policy: it may write to its own log group only.
 */
export class HandlerFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const bundleDir = props.bundleDir ?? bundleDirOf(props.service);
    const bundle = join(bundleDir, `${props.handler}.js`);
    if (!existsSync(bundle)) throw new BundleNotFoundError(props.service, props.handler, bundle);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.service}/${props.handler}: ${props.description}`.slice(0, 1000),
    });
    this.logGroup.grantWrite(this.role);

    this.function = new lambda.Function(this, 'Function', {
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      // One asset per handler: a change to one handler redeploys that function only.
      code: lambda.Code.fromAsset(bundleDir, {
        exclude: [
          '*',
          `!${props.handler}.js`,
          `!${props.handler}.js.map`,
          ...(props.extraAssetPaths ?? []).flatMap((path) => [`!${path}`, `!${path}/**`]),
        ],
      }),
      handler: `${props.handler}.handler`,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      timeout: props.timeout ?? Duration.seconds(10),
      memorySize: props.memorySize ?? 256,
      ...(props.reservedConcurrentExecutions !== undefined
        ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions }
        : {}),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.service,
        POWERTOOLS_METRICS_NAMESPACE: METRIC_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        ...props.environment,
      },
    });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray trace writes (PutTraceSegments, PutTelemetryRecords) support no resource-level permissions.',
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is the runtime the project targets and tests against (docs/architecture.md).',
    });
  }
}

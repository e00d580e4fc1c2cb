/**
 * The resource registry: every resource of every loaded stack, with its owner,
 * physical id (`Ref`), ARN and attributes. Services use it to find each other's
 * resources (a rule target's ARN → the Lambda function), the console lists it.
 */
import { parseArn } from './arn';
import type { ServiceName } from './service';

export interface RegisteredResource {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  /** The service that runs it, or `inert` for types with no runtime meaning (IAM, KMS, alarms…). */
  readonly owner: ServiceName | 'inert';
  /** The `Ref` value. */
  readonly ref: string;
  readonly arn: string | undefined;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly path: string | undefined;
}

/** ARNs compare without the region and account when the template spelled them out itself. */
const arnKey = (arn: string): string => {
  const a = parseArn(arn);
  return a ? `${a.service}:${a.resource}` : arn;
};

export class ResourceRegistry {
  private readonly byKey = new Map<string, RegisteredResource>();
  private readonly arns = new Map<string, RegisteredResource>();
  private readonly loose = new Map<string, RegisteredResource>();

  /** Adds (or replaces, on reload) a resource. */
  add(resource: RegisteredResource): void {
    this.byKey.set(`${resource.stack}/${resource.logicalId}`, resource);
    if (resource.arn) {
      this.arns.set(resource.arn, resource);
      this.loose.set(arnKey(resource.arn), resource);
    }
  }

  get(stack: string, logicalId: string): RegisteredResource | undefined {
    return this.byKey.get(`${stack}/${logicalId}`);
  }

  /**
   * The resource with this ARN. Exact match first; then the same service and
   * resource in any region/account (a template synthesized for another region).
   */
  byArn(arn: string): RegisteredResource | undefined {
    return this.arns.get(arn) ?? this.loose.get(arnKey(arn));
  }

  /** Resources of one CloudFormation type, in load order. */
  ofType(type: string): RegisteredResource[] {
    return [...this.byKey.values()].filter((r) => r.type === type);
  }

  /** The resource of this type whose `Ref` is `ref`. */
  byRef(type: string, ref: string): RegisteredResource | undefined {
    for (const r of this.byKey.values()) if (r.type === type && r.ref === ref) return r;
    return undefined;
  }

  all(): RegisteredResource[] {
    return [...this.byKey.values()];
  }

  get size(): number {
    return this.byKey.size;
  }
}

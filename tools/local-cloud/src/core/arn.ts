/** Building and reading ARNs. */

export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the account: `function:name`, `event-bus/Plumbing`, `my-bucket`… */
  readonly resource: string;
}

/** Parses `arn:partition:service:region:account:resource`; undefined if it is not an ARN. */
export function parseArn(arn: string): Arn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return {
    partition: parts[1]!,
    service: parts[2]!,
    region: parts[3]!,
    account: parts[4]!,
    resource: parts.slice(5).join(':'),
  };
}

export function formatArn(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource}`;
}

/** The resource name after the resource type (`function:name` → `name`, `event-bus/Plumbing` → `Plumbing`). */
export function arnResourceName(arn: string): string {
  const resource = parseArn(arn)?.resource ?? arn;
  const m = /^[^:/]+[:/](.*)$/.exec(resource);
  return m ? m[1]! : resource;
}

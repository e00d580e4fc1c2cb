/**
 * Which queues are dead-letter queues, and what feeds them, read from the loaded
 * templates (pure): rule targets' `DeadLetterConfig`, Lambda functions'
 * `DeadLetterConfig`, asynchronous-invocation `OnFailure` destinations, SNS
 * subscriptions' and SQS queues' `RedrivePolicy`.
 */

export interface ResourceLike {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

const isSqsArn = (v: unknown): v is string => typeof v === 'string' && /^arn:[^:]+:sqs:/.test(v);

function redriveTarget(policy: unknown): unknown {
  if (typeof policy === 'string') {
    try {
      return (JSON.parse(policy) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
    } catch {
      return undefined;
    }
  }
  return (policy as { deadLetterTargetArn?: unknown } | undefined)?.deadLetterTargetArn;
}

/** Dead-letter queue ARN → what feeds it (`Stack/Rule → target`, `Stack/Function`…), in template order. */
export function deadLetterFeeds(resources: Iterable<ResourceLike>): Map<string, string[]> {
  const feeds = new Map<string, string[]>();
  const add = (arn: unknown, feed: string) => {
    if (!isSqsArn(arn)) return;
    const list = feeds.get(arn) ?? [];
    if (!list.includes(feed)) list.push(feed);
    feeds.set(arn, list);
  };
  for (const r of resources) {
    const p = r.properties;
    const where = `${r.stack}/${r.logicalId}`;
    switch (r.type) {
      case 'AWS::Events::Rule':
        for (const t of (p['Targets'] as Array<{ Id?: string; DeadLetterConfig?: { Arn?: unknown } }> | undefined) ?? []) {
          add(t.DeadLetterConfig?.Arn, `${where} → ${t.Id ?? 'target'}`);
        }
        break;
      case 'AWS::Lambda::Function':
        add((p['DeadLetterConfig'] as { TargetArn?: unknown } | undefined)?.TargetArn, where);
        break;
      case 'AWS::Lambda::EventInvokeConfig':
        add((p['DestinationConfig'] as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure?.Destination, where);
        break;
      case 'AWS::SNS::Subscription':
      case 'AWS::SQS::Queue':
        add(redriveTarget(p['RedrivePolicy']), where);
        break;
      default:
        break;
    }
  }
  return feeds;
}

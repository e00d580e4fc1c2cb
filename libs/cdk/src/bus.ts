import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { CONTRACTS, PLUMBING_BUS_NAME, type DetailType } from '@sma/contracts';

/**
 * The Plumbing bus, found by the name `@sma/contracts` exports. Stacks never
 * receive the bus as a prop, so each one deploys on its own.
 */
export function plumbingBus(scope: Construct, id = 'PlumbingBus'): events.IEventBus {
  const existing = Stack.of(scope).node.tryFindChild(id);
  if (existing) return existing as events.IEventBus;
  return events.EventBus.fromEventBusName(Stack.of(scope), id, PLUMBING_BUS_NAME);
}

/**
 * Lets `grantee` publish exactly these detail-types to the Plumbing bus, each
 * with its contract's source: `events:source` and `events:detail-type`
 * conditions stop a service from forging another service's events.
 */
export function grantPublish(scope: Construct, grantee: iam.IGrantable, detailTypes: readonly DetailType[]): void {
  const bus = plumbingBus(scope);
  const sources = [...new Set(detailTypes.map((t) => CONTRACTS[t].source))].sort();
  iam.Grant.addToPrincipal({
    grantee,
    actions: ['events:PutEvents'],
    resourceArns: [bus.eventBusArn],
    conditions: {
      'ForAllValues:StringEquals': { 'events:source': sources, 'events:detail-type': [...detailTypes] },
    },
  }).assertSuccess();
}

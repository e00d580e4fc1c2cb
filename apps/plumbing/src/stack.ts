import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { PLUMBING_BUS_NAME } from '@sma/contracts';
import { EventDashboard } from './constructs/event-dashboard';
import { EventLog } from './constructs/event-log';
import { ContractSchemaRegistry } from './constructs/schema-registry';

export interface PlumbingStackProps extends StackProps {
  /** How long the archive keeps events for replay. @default Duration.days(30) */
  readonly archiveRetention?: Duration;
  /** Retention of the catch-all event log. @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The hub every other service hangs off: the bus (found by the others by its
 * name, never passed to them), an archive for replay, a log of every event,
 * metrics and a dashboard per detail-type, and the schema registry.
 *
 * Deploy it first on a new account; after that every service deploys alone.
 */
export class PlumbingStack extends Stack {
  readonly bus: events.EventBus;

  constructor(scope: Construct, id: string, props: PlumbingStackProps = {}) {
    super(scope, id, { description: 'Serverless Message Analyser: event bus, archive, event log, metrics, schemas', ...props });
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: PLUMBING_BUS_NAME });
    this.bus.archive('Archive', {
      archiveName: `${PLUMBING_BUS_NAME}-all`,
      description: 'Every event on the bus, for replay',
      eventPattern: { source: events.Match.prefix('') },
      retention: props.archiveRetention ?? Duration.days(30),
    });
    new EventLog(this, 'EventLog', { bus: this.bus, ...(props.logRetention ? { retention: props.logRetention } : {}) });
    new EventDashboard(this, 'Dashboard');
    new ContractSchemaRegistry(this, 'Schemas');
  }
}

import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { DETAIL_TYPES, METRIC_NAMESPACE, TWITTER_DETAIL_TYPES, type DetailType } from '@sma/contracts';

export interface EventDashboardProps {
  /** @default 'ServerlessMessageAnalyser' */
  readonly dashboardName?: string;
}

/** The message journey first, then the raw channel traffic: one graph per stage of the flow. */
const FLOW: readonly DetailType[] = ['MESSAGE_RECEIVED', 'MESSAGE_ANALYSED', 'SEND_REPLY', 'REPLY_SENT', 'REPLY_FAILED'];

/** A CloudWatch dashboard of the per-detail-type metrics that the event log's metric filters produce. */
export class EventDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: EventDashboardProps = {}) {
    super(scope, id);
    const metric = (detailType: DetailType) =>
      new cloudwatch.Metric({
        namespace: METRIC_NAMESPACE,
        metricName: detailType,
        statistic: 'Sum',
        period: Duration.minutes(5),
        label: detailType,
      });
    const others = DETAIL_TYPES.filter(
      (t) => !FLOW.includes(t) && !(TWITTER_DETAIL_TYPES as readonly string[]).includes(t),
    );
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName ?? METRIC_NAMESPACE,
      widgets: [
        [
          new cloudwatch.GraphWidget({ title: 'Message flow', left: FLOW.map(metric), width: 12 }),
          new cloudwatch.SingleValueWidget({
            title: 'Last 24 h',
            metrics: FLOW.map((t) => metric(t).with({ period: Duration.days(1) })),
            width: 12,
          }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'X Account Activity', left: TWITTER_DETAIL_TYPES.map(metric), width: 12 }),
          new cloudwatch.GraphWidget({ title: 'Other channels', left: others.map(metric), width: 12 }),
        ],
      ],
    });
  }
}

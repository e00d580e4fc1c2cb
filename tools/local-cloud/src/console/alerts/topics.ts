/**
 * The SNS topics of the loaded stacks and their subscriptions: from SNS itself when
 * it runs (subscriptions made through the API included), else from the templates.
 */
import { ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import type { Cloud } from '../../core/cloud';
import type { TopicView } from '../api-types';
import { topicNameOf } from './alert-views';

export async function listTopics(cloud: Cloud): Promise<TopicView[]> {
  const topics = cloud.resources.ofType('AWS::SNS::Topic');
  const templateSubs = cloud.resources.ofType('AWS::SNS::Subscription');
  return Promise.all(
    topics.map(async (t): Promise<TopicView> => {
      const arn = t.arn ?? t.ref;
      const displayName = t.properties['DisplayName'] as string | undefined;
      let subscriptions = templateSubs
        .filter((s) => s.properties['TopicArn'] === arn)
        .map((s) => ({ arn: s.ref, protocol: String(s.properties['Protocol'] ?? ''), endpoint: String(s.properties['Endpoint'] ?? '') }));
      if (cloud.instance('sns')) {
        try {
          const out = await cloud.send(new ListSubscriptionsByTopicCommand({ TopicArn: arn }));
          subscriptions = (out.Subscriptions ?? []).map((s) => ({ arn: s.SubscriptionArn ?? '', protocol: s.Protocol ?? '', endpoint: s.Endpoint ?? '' }));
        } catch {
          // Keep the template's view.
        }
      }
      return { arn, name: String(t.properties['TopicName'] ?? topicNameOf(arn)), ...(displayName ? { displayName } : {}), subscriptions };
    }),
  );
}

import { busEvent, exampleDetail } from '@sma/contracts/testing';
import { contractIssues, eventKey, recordOfTrace, ruleNameOf, withDelivery } from './event-record';
import { matchesFilter } from './filter';

const trace = (event = busEvent('MESSAGE_RECEIVED')) => ({
  event,
  bus: 'Plumbing',
  ingested: '2022-09-21T12:56:22.123Z',
  rules: ['Analysis-Rule'],
  archives: ['Plumbing-Archive'],
  deliveries: [{ rule: 'arn:aws:events:eu-west-1:000000000000:rule/Plumbing/Analysis-Rule', target: 'Target0', status: 'pending' as const, attempts: 0 }],
});

describe('event records', () => {
  it('flatten a trace: names, target ARNs, dead-letter queue and message id', () => {
    const record = recordOfTrace(trace(), () => ({ arn: 'arn:aws:states:eu-west-1:000000000000:stateMachine:Analyse', deadLetterArn: 'arn:aws:sqs:eu-west-1:000000000000:dlq' }));
    expect(record).toMatchObject({
      key: '2bea8c88-c241-d3ff-396f-d600c815599a',
      detailType: 'MESSAGE_RECEIVED',
      source: 'INGRESS',
      messageId: 'TWITTER-1572570427880538999',
      deliveries: [{ rule: 'Analysis-Rule', target: 'Target0', targetArn: expect.stringContaining(':stateMachine:'), deadLetterArn: expect.stringContaining(':sqs:'), status: 'pending' }],
    });
    expect(record.contractIssues).toBeUndefined();
  });

  it('key replayed copies apart from the original', () => {
    expect(eventKey('abc', undefined)).toBe('abc');
    expect(eventKey('abc', 'r1')).toBe('abc#r1');
    const replayed = recordOfTrace(trace(busEvent('MESSAGE_RECEIVED', undefined, { 'replay-name': 'r1' })), () => undefined);
    expect(replayed).toMatchObject({ key: '2bea8c88-c241-d3ff-396f-d600c815599a#r1', replayName: 'r1' });
  });

  it('name what breaks the contract: a wrong source, a missing field', () => {
    expect(contractIssues('MESSAGE_RECEIVED', 'INGRESS', exampleDetail('MESSAGE_RECEIVED'))).toEqual([]);
    expect(contractIssues('MESSAGE_RECEIVED', 'EGRESS', exampleDetail('MESSAGE_RECEIVED'))).toEqual(['source is EGRESS, the contract says INGRESS']);
    const { Author: _author, ...noAuthor } = exampleDetail('MESSAGE_RECEIVED');
    expect(contractIssues('MESSAGE_RECEIVED', 'INGRESS', noAuthor)).toEqual([expect.stringMatching(/^Author: /)]);
    expect(contractIssues('Scheduled Event', 'aws.events', {})).toEqual([]);
  });

  it('replace one delivery by rule and target', () => {
    const record = recordOfTrace(trace(), () => undefined);
    const updated = withDelivery(record, { ...record.deliveries[0]!, status: 'dead-lettered', attempts: 3, error: { code: 'ServiceException', message: 'boom' } });
    expect(updated.deliveries[0]).toMatchObject({ status: 'dead-lettered', attempts: 3 });
    expect(record.deliveries[0]!.status).toBe('pending');
    expect(withDelivery(record, { ...record.deliveries[0]!, target: 'Other' })).toBe(record);
    expect(ruleNameOf('arn:aws:events:eu-west-1:1:rule/Plumbing/Name')).toBe('Name');
  });

  it('filter by detail-type, source, replay, problems and text', () => {
    const record = recordOfTrace(trace(), () => undefined);
    expect(matchesFilter(record, {})).toBe(true);
    expect(matchesFilter(record, { detailTypes: ['MESSAGE_ANALYSED'] })).toBe(false);
    expect(matchesFilter(record, { detailTypes: ['MESSAGE_ANALYSED', 'MESSAGE_RECEIVED'], sources: ['INGRESS'] })).toBe(true);
    expect(matchesFilter(record, { sources: ['EGRESS'] })).toBe(false);
    expect(matchesFilter(record, { replayed: true })).toBe(false);
    expect(matchesFilter(record, { replayed: false })).toBe(true);
    expect(matchesFilter(record, { problems: true })).toBe(false);
    expect(matchesFilter(withDelivery(record, { ...record.deliveries[0]!, status: 'dropped' }), { problems: true })).toBe(true);
    expect(matchesFilter(record, { text: 'TELL ME A JOKE' })).toBe(true);
    expect(matchesFilter(record, { text: 'nothing like this' })).toBe(false);
  });
});

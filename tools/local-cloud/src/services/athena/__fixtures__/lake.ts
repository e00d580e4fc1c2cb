/**
 * A small data lake in the layout the analytics stack writes (Firehose:
 * `events/detail_type=…/dt=…/<stream>-1-<time>-<uuid>.json.gz`, one JSON line
 * per EventBridge event, keys as the contracts spell them) and the Glue tables
 * it declares, with partition projection.
 */
import type { TableInput } from '@aws-sdk/client-glue';

const image = (...labels: string[]) => ({ Url: 'https://pbs.twimg.com/media/x.jpg', Labels: labels.map((Name) => ({ Name, Confidence: 97.5, Parents: [], Instances: [] })) });

function analysed(eventId: string, messageId: string, analysedAt: string, sentiment: string, images: unknown[], extra: Record<string, unknown> = {}) {
  return {
    version: '0',
    id: eventId,
    'detail-type': 'MESSAGE_ANALYSED',
    source: 'ANALYSIS',
    account: '000000000000',
    time: analysedAt,
    region: 'eu-west-1',
    resources: [],
    detail: {
      MessageId: messageId,
      Channel: 'TWITTER',
      Text: 'hello',
      Author: `author-${messageId}`,
      AuthorId: `id-${messageId}`,
      ReceivedAt: analysedAt,
      AnalysedAt: analysedAt,
      Analysis: {
        TextSentiment: sentiment,
        TextEntities: [{ Type: 'ORGANIZATION', Text: 'Acme Motors', Score: 0.97, BeginOffset: 0, EndOffset: 11 }],
        Images: images,
      },
    },
    ...extra,
  };
}

/** Objects by key: what Firehose would have written (gzip is applied by the test). */
export const LAKE_OBJECTS: Record<string, unknown[]> = {
  'events/detail_type=MESSAGE_ANALYSED/dt=2024-05-01/Lake-1-2024-05-01-10-00-00-aaaa.json.gz': [
    analysed('e1', 'm1', '2024-05-01T10:00:00Z', 'NEGATIVE', [image('Van', 'Person'), image('Van')]),
    analysed('e2', 'm2', '2024-05-01T10:05:00Z', 'POSITIVE', [image('Person', 'Dog')]),
  ],
  // The same event delivered again (EventBridge is at least once; replays re-deliver): counted once.
  'events/detail_type=MESSAGE_ANALYSED/dt=2024-05-01/Lake-1-2024-05-01-10-10-00-bbbb.json.gz': [
    analysed('e1', 'm1', '2024-05-01T10:00:00Z', 'NEGATIVE', [image('Van', 'Person'), image('Van')], { 'replay-name': 'replay-1' }),
  ],
  'events/detail_type=MESSAGE_ANALYSED/dt=2024-05-02/Lake-1-2024-05-02-09-00-00-cccc.json.gz': [analysed('e3', 'm3', '2024-05-02T09:00:00Z', 'NEGATIVE', [])],
  // Outside the projection's date range (it starts 2022-01-01): Athena never reads it.
  'events/detail_type=MESSAGE_ANALYSED/dt=2019-01-01/Lake-1-2019-01-01-00-00-00-dddd.json.gz': [analysed('e4', 'm4', '2019-01-01T00:00:00Z', 'NEGATIVE', [image('Cat')])],
  'events/detail_type=MESSAGE_RECEIVED/dt=2024-05-01/Lake-1-2024-05-01-09-59-00-eeee.json.gz': [
    { version: '0', id: 'r1', 'detail-type': 'MESSAGE_RECEIVED', source: 'INGRESS', account: '000000000000', time: '2024-05-01T09:59:00Z', region: 'eu-west-1', resources: [], detail: { MessageId: 'm1' } },
  ],
  // Not data: a marker file and Firehose's error output.
  'events/detail_type=MESSAGE_ANALYSED/dt=2024-05-01/_SUCCESS': [],
  'errors/processing-failed/dt=2024-05-01/Lake-1-x': [{ errorCode: 'Lambda.ProcessingFailed' }],
};

const ENVELOPE = [
  { Name: 'version', Type: 'string' },
  { Name: 'id', Type: 'string' },
  { Name: 'source', Type: 'string' },
  { Name: 'account', Type: 'string' },
  { Name: 'time', Type: 'string' },
  { Name: 'region', Type: 'string' },
  { Name: 'resources', Type: 'array<string>' },
  { Name: 'replay_name', Type: 'string' },
];

const SERDE = {
  SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
  Parameters: { 'serialization.format': '1', 'case.insensitive': 'TRUE', 'mapping.replay_name': 'replay-name', 'ignore.malformed.json': 'FALSE' },
};

const DATE_PROJECTION = {
  'projection.dt.type': 'date',
  'projection.dt.format': 'yyyy-MM-dd',
  'projection.dt.range': '2022-01-01,NOW',
  'projection.dt.interval': '1',
  'projection.dt.interval.unit': 'DAYS',
};

export const ANALYSED_DETAIL =
  'struct<messageid:string,channel:string,text:string,author:string,authorid:string,receivedat:string,analysedat:string,' +
  'analysis:struct<textsentiment:string,textentities:array<struct<type:string,text:string,score:double,beginoffset:bigint,endoffset:bigint>>,' +
  'images:array<struct<url:string,labels:array<struct<name:string,confidence:double,parents:array<struct<name:string>>>>>>>>';

export function lakeTables(bucket: string): TableInput[] {
  const lake = `s3://${bucket}/`;
  return [
    {
      Name: 'events',
      TableType: 'EXTERNAL_TABLE',
      Parameters: {
        classification: 'json',
        'projection.enabled': 'true',
        'projection.detail_type.type': 'enum',
        'projection.detail_type.values': 'MESSAGE_RECEIVED,MESSAGE_ANALYSED,SEND_REPLY',
        ...DATE_PROJECTION,
        'storage.location.template': `${lake}events/detail_type=\${detail_type}/dt=\${dt}/`,
      },
      PartitionKeys: [
        { Name: 'detail_type', Type: 'string' },
        { Name: 'dt', Type: 'string' },
      ],
      StorageDescriptor: { Location: `${lake}events/`, Columns: [...ENVELOPE, { Name: 'detail', Type: 'string' }], Compressed: true, SerdeInfo: SERDE },
    },
    {
      Name: 'analysed_messages',
      TableType: 'EXTERNAL_TABLE',
      Parameters: { classification: 'json', 'projection.enabled': 'true', ...DATE_PROJECTION, 'storage.location.template': `${lake}events/detail_type=MESSAGE_ANALYSED/dt=\${dt}/` },
      PartitionKeys: [{ Name: 'dt', Type: 'string' }],
      StorageDescriptor: {
        Location: `${lake}events/detail_type=MESSAGE_ANALYSED/`,
        Columns: [...ENVELOPE, { Name: 'detail', Type: ANALYSED_DETAIL }],
        Compressed: true,
        SerdeInfo: SERDE,
      },
    },
  ];
}

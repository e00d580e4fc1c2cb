import { duckType, parseHiveType } from './hive-types';
import { inProjection, parseJavaDate, partitionOf, partitionScheme } from './projection';
import { readLine, serdeOptions } from './serde';

describe('Hive types', () => {
  it('parses nested Glue types and writes them for DuckDB', () => {
    const type = parseHiveType('struct<messageid:string,analysis:struct<images:array<struct<labels:array<struct<name:string,confidence:double>>>>>,tags:map<string,int>,amount:decimal(10,2)>');
    expect(duckType(type)).toBe(
      'STRUCT("messageid" VARCHAR, "analysis" STRUCT("images" STRUCT("labels" STRUCT("name" VARCHAR, "confidence" DOUBLE)[])[]), "tags" MAP(VARCHAR, INTEGER), "amount" DECIMAL(10,2))',
    );
    expect(duckType(parseHiveType('array<bigint>'))).toBe('BIGINT[]');
    expect(() => parseHiveType('struct<a:string')).toThrow(/HIVE_INVALID_METADATA/);
    expect(() => parseHiveType('uniontype<int,string>')).toThrow(/unsupported type uniontype/);
  });
});

describe('JSON SerDe', () => {
  const columns = [
    { name: 'id', type: parseHiveType('string') },
    { name: 'replay_name', type: parseHiveType('string') },
    { name: 'detail', type: parseHiveType('struct<messageid:string,score:double,count:bigint,images:array<struct<labels:array<string>>>>') },
    { name: 'raw', type: parseHiveType('string') },
  ];
  const options = serdeOptions('org.openx.data.jsonserde.JsonSerDe', { 'case.insensitive': 'TRUE', 'mapping.replay_name': 'replay-name' });

  it('matches keys case-insensitively, follows mappings, keeps objects in string columns as JSON text', () => {
    const row = readLine(
      JSON.stringify({ ID: 'e1', 'replay-name': 'r1', Detail: { MessageId: 'm1', Score: '0.5', Count: 3, Images: [{ Labels: ['Van'] }] }, raw: { a: 1 } }),
      columns,
      options,
      'line 1',
    );
    expect(row).toEqual({ id: 'e1', replay_name: 'r1', detail: { messageid: 'm1', score: 0.5, count: 3, images: [{ labels: ['Van'] }] }, raw: '{"a":1}' });
    expect(readLine('   ', columns, options, 'line 2')).toBeUndefined();
  });

  it('fails the query on malformed lines and bad values unless told to ignore them', () => {
    expect(() => readLine('{not json', columns, options, 'line 3')).toThrow(/HIVE_CURSOR_ERROR: Row is not a valid JSON Object/);
    expect(() => readLine(JSON.stringify({ detail: { count: 'many' } }), columns, options, 'line 4')).toThrow(/HIVE_BAD_DATA: Error parsing field value 'many'/);
    const lenient = serdeOptions('org.openx.data.jsonserde.JsonSerDe', { 'ignore.malformed.json': 'TRUE' });
    expect(readLine('{not json', columns, lenient, 'line 5')).toEqual({ id: null, replay_name: null, detail: null, raw: null });
    expect(() => serdeOptions('org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe')).toThrow(/NOT_SUPPORTED/);
  });
});

describe('partition projection', () => {
  const NOW = Date.UTC(2024, 4, 10);
  const parameters = {
    'projection.enabled': 'true',
    'projection.detail_type.type': 'enum',
    'projection.detail_type.values': 'MESSAGE_RECEIVED,MESSAGE_ANALYSED',
    'projection.dt.type': 'date',
    'projection.dt.format': 'yyyy-MM-dd',
    'projection.dt.range': '2022-01-01,NOW',
    'storage.location.template': 's3://lake/events/detail_type=${detail_type}/dt=${dt}/',
  };

  it('reads values from the template path and keeps only projected partitions', () => {
    const scheme = partitionScheme('s3://lake/events/', ['detail_type', 'dt'], parameters);
    expect(scheme.prefix).toBe('events/');
    expect(partitionOf(scheme, 'events/detail_type=MESSAGE_ANALYSED/dt=2024-05-01/a.json.gz', NOW)).toEqual({ detail_type: 'MESSAGE_ANALYSED', dt: '2024-05-01' });
    expect(partitionOf(scheme, 'events/detail_type=UNKNOWN/dt=2024-05-01/a.json.gz', NOW)).toBeUndefined();
    expect(partitionOf(scheme, 'events/detail_type=MESSAGE_ANALYSED/dt=2021-12-31/a.json.gz', NOW)).toBeUndefined();
    expect(partitionOf(scheme, 'events/detail_type=MESSAGE_ANALYSED/dt=2024-06-01/a.json.gz', NOW)).toBeUndefined();
    expect(partitionOf(scheme, 'errors/processing-failed/x', NOW)).toBeUndefined();
  });

  it('reads Hive-style paths under the location without a template', () => {
    const scheme = partitionScheme('s3://lake/events/detail_type=MESSAGE_ANALYSED/', ['dt'], {});
    expect(partitionOf(scheme, 'events/detail_type=MESSAGE_ANALYSED/dt=2019-01-01/x')).toEqual({ dt: '2019-01-01' });
  });

  it('evaluates integer, enum and relative date ranges', () => {
    expect(inProjection({ type: 'integer', range: ['1', '10'] }, '10')).toBe(true);
    expect(inProjection({ type: 'integer', range: ['1', '10'] }, '11')).toBe(false);
    expect(inProjection({ type: 'date', format: 'yyyy/MM/dd', range: ['NOW-3DAYS', 'NOW'] }, '2024/05/08', NOW)).toBe(true);
    expect(inProjection({ type: 'date', format: 'yyyy/MM/dd', range: ['NOW-3DAYS', 'NOW'] }, '2024/05/06', NOW)).toBe(false);
    expect(parseJavaDate('yyyy-MM-dd', '2024-02-30')).toBeUndefined();
  });
});

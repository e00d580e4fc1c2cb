import { CONTRACTS, DETAIL_TYPES, EVENT_SOURCES, detailJsonSchema, eventJsonSchema, parseDetail } from './index';
import { exampleDetail, tsdocExamples } from './testing';
import { ContractValidationError } from './errors';

describe('contracts registry', () => {
  it('has one contract per detail-type, each with a known source', () => {
    expect(Object.keys(CONTRACTS).sort()).toEqual([...DETAIL_TYPES].sort());
    for (const type of DETAIL_TYPES) expect(EVENT_SOURCES).toContain(CONTRACTS[type].source);
  });

  it('keeps the original design’s raw X detail-types', () => {
    expect(DETAIL_TYPES).toEqual(
      expect.arrayContaining(['TWITTER_TWEETED', 'TWITTER_FAVOURITED', 'TWITTER_PERMISSION_REVOKED', 'TWITTER_DELETED']),
    );
  });

  it.each(DETAIL_TYPES)('%s: its TSDoc @example parses against its schema', (type) => {
    const example = exampleDetail(type);
    expect(() => parseDetail(type, example)).not.toThrow();
  });

  it('every JSON @example in every contract file is valid JSON and matches one contract', () => {
    const files = [...new Set(Object.values(CONTRACTS).map((c) => c.file))];
    for (const file of files) {
      const examples = tsdocExamples(file);
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) {
        const matching = DETAIL_TYPES.filter((t) => CONTRACTS[t].file === file && CONTRACTS[t].schema.safeParse(example).success);
        expect({ file, matching: matching.length > 0 }).toEqual({ file, matching: true });
      }
    }
  });

  it.each(DETAIL_TYPES)('%s: JSON Schema is generated from the zod schema', (type) => {
    const schema = detailJsonSchema(type);
    expect(schema['type']).toBe('object');
    const event = eventJsonSchema(type);
    expect(event['$schema']).toBe('http://json-schema.org/draft-04/schema#');
    expect((event['properties'] as Record<string, { enum?: string[] }>)['detail-type']!.enum).toEqual([type]);
  });

  it('MESSAGE_ANALYSED JSON Schema types nested arrays and structs', () => {
    const schema = detailJsonSchema('MESSAGE_ANALYSED') as {
      properties: { Analysis: { properties: { Images: { type: string; items: { properties: Record<string, unknown> } } } } };
    };
    const images = schema.properties.Analysis.properties.Images;
    expect(images.type).toBe('array');
    expect(Object.keys(images.items.properties)).toEqual(
      expect.arrayContaining(['Labels', 'TextDetections', 'CelebrityFaces', 'UnrecognizedFaces', 'ModerationLabels']),
    );
  });
});

describe('message contracts', () => {
  it('rejects a message whose channel block is missing or foreign', () => {
    const twitter = exampleDetail('MESSAGE_RECEIVED');
    const { Twitter: _t, ...withoutBlock } = twitter;
    expect(() => parseDetail('MESSAGE_RECEIVED', withoutBlock)).toThrow(/TWITTER messages need the Twitter block/);
    const withSlackToo = {
      ...twitter,
      Slack: { TeamId: 'T1', ChannelId: 'C1', UserId: 'U1', Ts: '1.1', ThreadTs: '1.1', EventId: 'Ev1' },
    };
    expect(() => parseDetail('MESSAGE_RECEIVED', withSlackToo)).toThrow(ContractValidationError);
  });

  it('refuses non-https image URLs and more than four images', () => {
    const message = exampleDetail('MESSAGE_RECEIVED');
    expect(() => parseDetail('MESSAGE_RECEIVED', { ...message, ImageUrls: ['http://pbs.twimg.com/a.jpg'] })).toThrow(
      /ImageUrls/,
    );
    const five = Array.from({ length: 5 }, (_, i) => `https://pbs.twimg.com/media/${i}.jpg`);
    expect(() => parseDetail('MESSAGE_RECEIVED', { ...message, ImageUrls: five })).toThrow(/ImageUrls/);
  });

  it('keeps unknown fields of raw activities (they are X’s, not ours)', () => {
    const raw = exampleDetail('TWITTER_TWEETED');
    const parsed = parseDetail('TWITTER_TWEETED', { ...raw, Activity: { ...raw.Activity, new_field: 1 } });
    expect(parsed.Activity['new_field']).toBe(1);
  });

  it('names the failing path in the error message', () => {
    const analysed = exampleDetail('MESSAGE_ANALYSED');
    const bad = { ...analysed, Analysis: { ...analysed.Analysis, TextSentiment: 'ANGRY' } };
    expect(() => parseDetail('MESSAGE_ANALYSED', bad)).toThrow(/MESSAGE_ANALYSED detail is invalid: Analysis\.TextSentiment/);
  });
});

import fc from 'fast-check';
import { exampleDetail } from '@sma/contracts/testing';
import { redactDetail, WITHHELD_TEXT } from './redact-event';

const analysed = exampleDetail('MESSAGE_ANALYSED');
type Detail = Record<string, unknown> & { Text: string; Analysis: Record<string, unknown> };

describe('redactDetail: MESSAGE_ANALYSED', () => {
  it('replaces the spans analysis found with [TYPE], counting them', () => {
    const { detail, report } = redactDetail('MESSAGE_ANALYSED', analysed);
    expect((detail as Detail).Text).toBe('@makitdev the van broke down again, awful service from Acme Motors. Call me on [PHONE]');
    expect(report).toEqual({ spans: 1, repeats: 0, patterns: 0 });
  });

  it('replaces the same text wherever it is repeated: entity texts, text read in images, error causes, unknown fields', () => {
    const phone = '07700 900123';
    const input = structuredClone(analysed) as unknown as Detail;
    const analysis = input.Analysis as { TextEntities: Array<{ Text: string }>; Images: Array<{ TextDetections: Array<{ DetectedText: string }> }>; Errors: unknown[] };
    analysis.TextEntities.push({ Type: 'OTHER', Text: phone, Score: 0.6, BeginOffset: 79, EndOffset: 91 } as never);
    analysis.Images[0]!.TextDetections[0]!.DetectedText = `VAN HIRE ${phone}`;
    analysis.Errors.push({ Step: 'DetectKeyPhrases', Error: 'States.Timeout', Cause: `timed out on "...${phone}"` });
    (input as Record<string, unknown>)['Summary'] = `Customer wants a call on ${phone}`;
    const { detail, report } = redactDetail('MESSAGE_ANALYSED', input);
    expect(JSON.stringify(detail)).not.toContain(phone);
    expect(JSON.stringify(detail)).not.toContain('900123');
    expect(report.repeats).toBe(4);
    expect((detail as Detail)['Summary']).toBe('Customer wants a call on [PHONE]');
  });

  it('leaves identifiers, timestamps, ids of the channel and the analysis numbers as they were', () => {
    const { detail } = redactDetail('MESSAGE_ANALYSED', analysed);
    const d = detail as typeof analysed;
    expect(d.MessageId).toBe(analysed.MessageId);
    expect(d.Twitter).toEqual(analysed.Twitter);
    expect(d.AuthorId).toBe(analysed.AuthorId);
    expect(d.ReceivedAt).toBe(analysed.ReceivedAt);
    expect(d.ImageUrls).toEqual(analysed.ImageUrls);
    expect(d.Analysis.PiiEntities).toEqual(analysed.Analysis.PiiEntities);
    expect(d.Analysis.Images[0]!.Key).toBe(analysed.Analysis.Images[0]!.Key);
    expect(d.Analysis.SentimentScore).toEqual(analysed.Analysis.SentimentScore);
  });

  it('also catches e-mails and phone numbers analysis missed', () => {
    const input = { ...structuredClone(analysed), Text: 'mail harry.p@example.com or 07700 900999', Analysis: { ...structuredClone(analysed.Analysis), PiiEntities: [] } };
    const { detail, report } = redactDetail('MESSAGE_ANALYSED', input);
    expect((detail as Detail).Text).toBe('mail [EMAIL] or [PHONE]');
    expect(report.patterns).toBe(2);
  });

  it('withholds the whole text when the spans do not fit it (they describe another text)', () => {
    const input = { ...structuredClone(analysed), Text: 'short, phone 07700 900123' };
    const { detail, report } = redactDetail('MESSAGE_ANALYSED', input);
    expect((detail as Detail).Text).toBe(WITHHELD_TEXT);
    expect(report.failClosed).toBe('InvalidPiiSpans');
    expect(JSON.stringify(detail)).not.toContain('07700');
  });

  it('withholds the text of a detail that breaks the contract (PII spans cannot be trusted), keeping the rest', () => {
    const input = { ...structuredClone(analysed), Analysis: { TextSentiment: 'NEGATIVE' } };
    const { detail, report } = redactDetail('MESSAGE_ANALYSED', input);
    expect(report.failClosed).toBe('ContractViolation');
    expect(detail).toEqual({ ...input, Text: WITHHELD_TEXT });
  });

  it('removes a PII span analysis found, wherever it sits after emoji and accents, and its copies (property)', () => {
    const words = fc.array(fc.constantFrom('the', 'van', 'é', '😡', 'Zoë', 'broke', '👍🏽', 'again', '—', 'ok'), { maxLength: 8 }).map((w) => w.join(' '));
    const name = fc.constantFrom('Harriet Quimby', 'Zoë Ångström', 'Dana Smith', 'Ōtani Shōhei');
    fc.assert(
      fc.property(words, name, words, (before, value, after) => {
        const text = `${before} ${value} ${after}`;
        const begin = Array.from(`${before} `).length;
        const pii = { Type: 'NAME', Score: 0.99, BeginOffset: begin, EndOffset: begin + Array.from(value).length };
        const input = {
          ...structuredClone(analysed),
          Text: text,
          Analysis: { ...structuredClone(analysed.Analysis), PiiEntities: [pii], TextEntities: [{ Type: 'PERSON' as const, Text: value, Score: 0.9, BeginOffset: pii.BeginOffset, EndOffset: pii.EndOffset }] },
        };
        const { detail } = redactDetail('MESSAGE_ANALYSED', input);
        expect((detail as Detail).Text).toBe(`${before} [NAME] ${after}`);
        expect(JSON.stringify(detail)).not.toContain(value);
      }),
    );
  });

  it('keeps fields this build does not know yet (the contract may grow before analytics redeploys)', () => {
    const { detail } = redactDetail('MESSAGE_ANALYSED', { ...analysed, Topic: 'vans' });
    expect((detail as Detail)['Topic']).toBe('vans');
  });
});

describe('redactDetail: every other detail-type', () => {
  it('scrubs e-mails and phone numbers from raw X activity, keeping its ids', () => {
    const tweet = exampleDetail('TWITTER_TWEETED');
    const activity = { ...tweet.Activity, text: '@makitdev 07700 900123 / harry.p@example.com' };
    const { detail, report } = redactDetail('TWITTER_TWEETED', { ...tweet, Activity: activity });
    const out = detail as typeof tweet;
    expect(out.Activity['text']).toBe('@makitdev [PHONE] / [EMAIL]');
    expect(out.Activity['id_str']).toBe(tweet.Activity['id_str']);
    expect(out.ForUserId).toBe(tweet.ForUserId);
    expect(out.EventId).toBe(tweet.EventId);
    expect(report).toEqual({ spans: 0, repeats: 0, patterns: 2 });
  });

  it('keeps Slack timestamps and ids, which look like numbers but are not phones', () => {
    const slack = exampleDetail('SLACK_EVENT');
    const { detail, report } = redactDetail('SLACK_EVENT', slack);
    expect(detail).toEqual(slack);
    expect(report.patterns).toBe(0);
  });

  it('scrubs nested webhook payload fields', () => {
    const webhook = exampleDetail('WEBHOOK_EVENT');
    const payload = { ...webhook.Payload, contact: { phone: '+1 555 123 4567', email: 'c19@example.org' } };
    const { detail } = redactDetail('WEBHOOK_EVENT', { ...webhook, Payload: payload });
    expect((detail as typeof webhook).Payload['contact']).toEqual({ phone: '[PHONE]', email: '[EMAIL]' });
  });

  it('redacts MESSAGE_RECEIVED, which carries the same text before analysis', () => {
    const received = { ...exampleDetail('MESSAGE_RECEIVED'), Text: 'call 07700 900123' };
    expect((redactDetail('MESSAGE_RECEIVED', received).detail as Detail).Text).toBe('call [PHONE]');
  });
});

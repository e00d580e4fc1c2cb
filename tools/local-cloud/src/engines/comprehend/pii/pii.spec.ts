import { LocalComprehendEngine } from '../engine';
import { sliceCodePoints } from '../offsets';
import { ibanValid, luhnValid, ssnValid } from './checksums';

const engine = new LocalComprehendEngine();

async function pii(text: string): Promise<Array<[string, string]>> {
  const { Entities = [] } = await engine.detectPiiEntities(text, 'en');
  return Entities.map((e) => [e.Type!, sliceCodePoints(text, e.BeginOffset!, e.EndOffset!)]);
}

describe('DetectPiiEntities', () => {
  it('finds the identifiers of a message with their exact spans', async () => {
    const text =
      '🙂 I am John Smith, 34 years old, at 221B Baker Street, London NW1 6XE. Card 4111 1111 1111 1111, ' +
      'mail john.smith@example.co.uk, IP 192.168.0.12 or 2001:db8::1, see https://example.com/x, call +1 (415) 555-0132.';
    expect(await pii(text)).toEqual([
      ['NAME', 'John Smith'],
      ['AGE', '34'],
      ['ADDRESS', '221B Baker Street, London NW1 6XE'],
      ['CREDIT_DEBIT_NUMBER', '4111 1111 1111 1111'],
      ['EMAIL', 'john.smith@example.co.uk'],
      ['IP_ADDRESS', '192.168.0.12'],
      ['IP_ADDRESS', '2001:db8::1'],
      ['URL', 'https://example.com/x'],
      ['PHONE', '+1 (415) 555-0132'],
    ]);
  });

  it('finds the UK phone number of the contract example at its offsets', async () => {
    const text = '@makitdev the van broke down again, awful service from Acme Motors. Call me on 07700 900123';
    const { Entities = [] } = await engine.detectPiiEntities(text, 'en');
    expect(Entities).toEqual([expect.objectContaining({ Type: 'PHONE', BeginOffset: 79, EndOffset: 91 })]);
  });

  it('ignores digit runs that fail the Luhn check and out-of-range IPs', async () => {
    expect(await pii('Order 4111 1111 1111 1112 from 999.1.1.1')).toEqual([]);
  });

  it('answers only types and offsets, with scores in 0..1', async () => {
    const { Entities = [] } = await engine.detectPiiEntities('ssn 123-45-6789, AKIAIOSFODNN7EXAMPLE', 'en');
    expect(Entities.map((e) => e.Type)).toEqual(['SSN', 'AWS_ACCESS_KEY']);
    for (const e of Entities) expect(Object.keys(e).sort()).toEqual(['BeginOffset', 'EndOffset', 'Score', 'Type']);
  });
});

describe('checksums', () => {
  it('validates Luhn, IBAN and SSN numbers', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('GB82 WEST 1234 5698 7654 33')).toBe(false);
    expect(ssnValid('123-45-6789')).toBe(true);
    expect(ssnValid('666-45-6789')).toBe(false);
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileError } from '../errors';
import { loadPrices, PRICE_KEYS, PRICES_FILE } from './prices';

describe('prices.json', () => {
  it('has every price the model uses, with its source, for one region and date', () => {
    const list = loadPrices();
    expect(list.region).toBe('us-east-1');
    expect(Object.keys(list.prices).sort()).toEqual([...PRICE_KEYS].sort());
    for (const price of Object.values(list.prices)) expect(price.source).toMatch(/aws\.amazon\.com\//);
  });

  it('refuses a file with a missing price or a negative one, naming them', () => {
    const broken = JSON.parse(readFileSync(PRICES_FILE, 'utf8')) as { prices: Record<string, { usd: number }> };
    delete broken.prices['lexTextRequest'];
    broken.prices['s3Put']!.usd = -1;
    const file = join(mkdtempSync(join(tmpdir(), 'bench-prices-')), 'prices.json');
    writeFileSync(file, JSON.stringify(broken));
    let error: unknown;
    try {
      loadPrices(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).issues.join('\n')).toMatch(/prices\.lexTextRequest/);
    expect((error as DataFileError).issues.join('\n')).toMatch(/prices\.s3Put\.usd/);
  });
});

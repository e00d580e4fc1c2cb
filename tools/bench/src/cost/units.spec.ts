import { chunksOf64Kib, comprehendUnits, expressGbSeconds, firehoseBilledBytes, lambdaGbSeconds, writeUnits } from './units';

describe('billing units', () => {
  it.each([
    [0, 3],
    [1, 3],
    [300, 3],
    [301, 4],
    [450, 5],
    [1_200, 12],
  ])('Comprehend bills %d characters as %d units (100 each, at least 3)', (characters, units) => {
    expect(comprehendUnits(characters)).toBe(units);
  });

  it.each([
    [1, 5_120],
    [5_120, 5_120],
    [5_121, 10_240],
  ])('Firehose bills a %d-byte record as %d bytes (5 KB steps)', (bytes, billed) => {
    expect(firehoseBilledBytes(bytes)).toBe(billed);
  });

  it('EventBridge and SNS bill 64 KB chunks, at least one', () => {
    expect(chunksOf64Kib(10)).toBe(1);
    expect(chunksOf64Kib(65_536)).toBe(1);
    expect(chunksOf64Kib(65_537)).toBe(2);
  });

  it('Lambda bills memory × duration in 1 ms steps', () => {
    expect(lambdaGbSeconds(512, 150)).toBe(0.075);
    expect(lambdaGbSeconds(1536, 0.2)).toBeCloseTo(1.5 * 0.001, 12);
  });

  it('Express bills 100 ms steps of 64 MB chunks', () => {
    // 900 ms × 64 MB = 0.9 s × 0.0625 GB; 901 ms rounds up to 1.0 s; 65 MB takes two chunks.
    expect(expressGbSeconds(900, 64)).toBeCloseTo(0.05625, 12);
    expect(expressGbSeconds(901, 64)).toBeCloseTo(0.0625, 12);
    expect(expressGbSeconds(1_000, 65)).toBeCloseTo(0.125, 12);
  });

  it('DynamoDB writes one unit per started KB', () => {
    expect(writeUnits(512)).toBe(1);
    expect(writeUnits(1_025)).toBe(2);
  });
});

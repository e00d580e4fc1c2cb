import { loadPrices } from './prices';
import { addUsage, costByService, costLines, expectedUsage, totalCost } from './usage';

const prices = loadPrices();

describe('pricing usage', () => {
  it('multiplies each quantity by its list price', () => {
    const usage = { lambdaRequest: 2, lambdaArmGbSecond: 0.1, comprehendUnit: 6, rekognitionImage: 4 };
    // 2 × $0.0000002 + 0.1 × $0.0000133334 + 6 × $0.0001 + 4 × $0.001
    //   = $0.0000004 + $0.00000133334 + $0.0006 + $0.004 = $0.00460173334 per message
    expect(totalCost(usage, prices, 1_000_000)).toBeCloseTo(4601.73334, 5);
    expect(costLines(usage, prices).map((l) => l.key)).toEqual(['lambdaArmGbSecond', 'lambdaRequest', 'comprehendUnit', 'rekognitionImage']);
    expect(Object.fromEntries(costByService(usage, prices, 1_000_000))).toEqual({
      Lambda: expect.closeTo(1.73334, 5),
      Comprehend: expect.closeTo(600, 5),
      Rekognition: expect.closeTo(4000, 5),
    });
  });

  it('mixes variants by their weights', () => {
    // 80% messages with 1 alert-free Lex request, 20% with 1 Lex request and 1 alert
    const mixed = expectedUsage([
      { weight: 0.8, usage: { lexTextRequest: 1 } },
      { weight: 0.2, usage: { lexTextRequest: 1, snsPublish: 1 } },
    ]);
    expect(mixed).toEqual({ lexTextRequest: 1, snsPublish: expect.closeTo(0.2, 12) });
    expect(addUsage({ s3Put: 1 }, { s3Put: 2, s3Get: 1 })).toEqual({ s3Put: 3, s3Get: 1 });
  });
});

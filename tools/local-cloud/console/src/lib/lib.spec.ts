import { barsOf, stackedColumnsOf } from './chart-data';
import { friendlyName } from './names';
import { layers, layoutGraph } from './graph-layout';
import { segments } from './spans';
import { allStateNames, buildStateGraph, END, START, type AslDefinition } from './state-graph';
import { linearScale, niceTicks, shortNumber } from './ticks';

describe('text segments', () => {
  it('cut at code point offsets, so emoji before a span do not shift it', () => {
    const text = '😡 awful service from Acme Motors';
    const s = segments(text, [{ begin: 21, end: 32, data: 'ORGANIZATION' }]);
    expect(s.map((x) => x.text)).toEqual(['😡 awful service from ', 'Acme Motors']);
    expect(s[1]!.spans.map((x) => x.data)).toEqual(['ORGANIZATION']);
  });

  it('keep both spans where they overlap', () => {
    const s = segments('call 07700 900123 now', [
      { begin: 5, end: 17, data: 'PHONE' },
      { begin: 11, end: 21, data: 'QUANTITY' },
    ]);
    expect(s.map((x) => [x.text, x.spans.map((y) => y.data).join('+')])).toEqual([
      ['call ', ''],
      ['07700 ', 'PHONE'],
      ['900123', 'PHONE+QUANTITY'],
      [' now', 'QUANTITY'],
    ]);
  });

  it('ignore empty and out-of-range spans and clip long ones', () => {
    expect(segments('abc', [{ begin: 2, end: 2, data: 1 }, { begin: 9, end: 12, data: 2 }, { begin: 1, end: 99, data: 3 }]).map((x) => x.text)).toEqual(['a', 'bc']);
    expect(segments('', [])).toEqual([]);
  });
});

describe('chart scales', () => {
  it('end on a nice number at or above the maximum', () => {
    expect(niceTicks(0, 7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(-3, 4, 4)).toEqual([-4, -2, 0, 2, 4]);
    expect(niceTicks(0, 0)).toEqual([0, 1]);
  });

  it('map linearly and shorten large numbers', () => {
    expect(linearScale([0, 10], [0, 200])(5)).toBe(100);
    expect(linearScale([0, 10], [200, 0])(10)).toBe(0);
    expect(shortNumber(1234)).toBe('1234');
    expect(shortNumber(12345)).toBe('12.3k');
    expect(shortNumber(3_000_000)).toBe('3M');
  });
});

describe('chart data', () => {
  it('charts two-column results with a numeric second column', () => {
    const result = { columns: [{ name: 'label', type: 'varchar' }, { name: 'images', type: 'bigint' }], rows: [['Person', '3'], ['Van', '1']] };
    expect(barsOf(result)).toEqual([{ label: 'Person', value: 3 }, { label: 'Van', value: 1 }]);
    expect(barsOf({ ...result, rows: [['Person', 'many']] })).toBeUndefined();
    expect(barsOf({ ...result, rows: [] })).toBeUndefined();
    expect(barsOf({ columns: [...result.columns, { name: 'x', type: 'varchar' }], rows: [['a', '1', 'b']] })).toBeUndefined();
  });

  it('pivots period/series/value rows into stacked columns', () => {
    const s = stackedColumnsOf(
      [
        ['2024-05-01T10', 'NEGATIVE', '2'],
        ['2024-05-01T09', 'POSITIVE', '1'],
        ['2024-05-01T10', 'POSITIVE', '4'],
      ],
      ['POSITIVE', 'NEUTRAL', 'NEGATIVE'],
    );
    expect(s).toEqual({ periods: ['2024-05-01T09', '2024-05-01T10'], series: ['POSITIVE', 'NEGATIVE'], values: [[1, 0], [4, 2]] });
  });
});

const definition: AslDefinition = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Task', Next: 'Analyse', Catch: [{ Next: 'Failed' }] },
    Analyse: {
      Type: 'Parallel',
      Next: 'Done',
      Branches: [
        { StartAt: 'IsText', States: { IsText: { Type: 'Choice', Choices: [{ Next: 'Text' }], Default: 'NoText' }, Text: { Type: 'Task', End: true }, NoText: { Type: 'Pass', End: true } } },
        { StartAt: 'Images', States: { Images: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'Image', States: { Image: { Type: 'Task', End: true } } } } } },
      ],
    },
    Done: { Type: 'Succeed' },
    Failed: { Type: 'Fail' },
  },
};

describe('state graphs', () => {
  it('have Start and End, compound Parallel and Map nodes, and every kind of transition', () => {
    const g = buildStateGraph(JSON.stringify(definition));
    expect(g.start).toBe(START);
    expect(g.edges).toEqual(
      expect.arrayContaining([
        { from: START, to: 'Prepare', kind: 'next' },
        { from: 'Prepare', to: 'Failed', kind: 'catch' },
        { from: 'Done', to: END, kind: 'next' },
        { from: 'Failed', to: END, kind: 'next' },
      ]),
    );
    const analyse = g.nodes.find((n) => n.id === 'Analyse')!;
    expect(analyse.children).toHaveLength(2);
    expect(analyse.children[0]!.edges).toEqual([
      { from: 'IsText', to: 'Text', kind: 'choice' },
      { from: 'IsText', to: 'NoText', kind: 'default' },
    ]);
    expect(allStateNames(g).sort()).toEqual(['Analyse', 'Done', 'Failed', 'Image', 'Images', 'IsText', 'NoText', 'Prepare', 'Text']);
    expect(() => buildStateGraph('{"States":{}}')).toThrow(/StartAt/);
  });

  it('layer by longest path and ignore the back edge of a loop', () => {
    const loop = buildStateGraph({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Choice', Choices: [{ Next: 'A' }], Default: 'C' }, C: { Type: 'Succeed' } } });
    const rank = layers(loop);
    expect([rank.get(START), rank.get('A'), rank.get('B'), rank.get('C'), rank.get(END)]).toEqual([0, 1, 2, 3, 4]);
  });

  it('lay out without overlaps, nested graphs inside their compound node', () => {
    const placed = layoutGraph(buildStateGraph(definition), { measure: (t) => t.length * 7 });
    const boxes = placed.nodes;
    for (const a of boxes) {
      for (const b of boxes) {
        if (a === b) continue;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap).toBe(false);
      }
    }
    const analyse = boxes.find((n) => n.node.id === 'Analyse')!;
    for (const branch of analyse.children) {
      expect(branch.x).toBeGreaterThanOrEqual(analyse.x);
      expect(branch.x + branch.w).toBeLessThanOrEqual(analyse.x + analyse.w);
      expect(branch.y).toBeGreaterThan(analyse.y);
      expect(branch.y + branch.h).toBeLessThanOrEqual(analyse.y + analyse.h);
    }
    const [first, second] = analyse.children;
    expect(first!.x + first!.w).toBeLessThanOrEqual(second!.x);
    const prepare = boxes.find((n) => n.node.id === 'Prepare')!;
    const edge = placed.edges.find((e) => e.from === 'Prepare' && e.to === 'Analyse')!;
    expect(edge.path.slice(0, 2)).toEqual([prepare.x + prepare.w / 2, prepare.y + prepare.h]);
    expect(edge.back).toBe(false);
  });
});

describe('friendly names', () => {
  it('shorten CloudFormation-generated names to stack and logical id', () => {
    expect(friendlyName('Analysis-WorkflowStateMachine8F1B1C15-RASVHIW4YLD67')).toBe('Analysis · WorkflowStateMachine');
    expect(friendlyName('Plumbing-EventLogCatchAllFC1855B9-CPCDDPNV7WZ4H')).toBe('Plumbing · EventLogCatchAll');
    expect(friendlyName('my-own-name')).toBe('my-own-name');
  });
});

import { buildLabels } from './labels';
import { COCO_LABELS, LABELS_BY_NAME } from './taxonomy';

describe('buildLabels', () => {
  it('names labels as Rekognition and adds each parent as a label of its own', () => {
    const labels = buildLabels([{ label: 'cup', score: 0.9, box: [0.1, 0.2, 0.3, 0.4] }], []);
    expect(labels.map((l) => [l.Name, l.Confidence, l.Parents])).toEqual([
      ['Cup', 90, [{ Name: 'Tableware' }]],
      ['Tableware', 90, []],
    ]);
    expect(labels[0]!.Instances).toEqual([{ BoundingBox: { Left: 0.1, Top: 0.2, Width: 0.3, Height: 0.4 }, Confidence: 90 }]);
    expect(labels[1]!.Instances).toEqual([]);
  });

  it('gives Person no parents and groups instances of one class', () => {
    const labels = buildLabels(
      [
        { label: 'person', score: 0.8, box: [0, 0, 0.5, 1] },
        { label: 'person', score: 0.95, box: [0.5, 0, 0.5, 1] },
      ],
      [],
    );
    expect(labels).toHaveLength(1);
    expect(labels[0]).toMatchObject({ Name: 'Person', Confidence: 95, Parents: [] });
    expect(labels[0]!.Instances!.map((i) => i.Confidence)).toEqual([95, 80]);
  });

  it('adds Face, Head and Person for faces, filters by MinConfidence and cuts to MaxLabels', () => {
    const labels = buildLabels([{ label: 'dog', score: 0.5, box: [0, 0, 1, 1] }], [0.99], { minConfidence: 55 });
    expect(labels.map((l) => l.Name).sort()).toEqual(['Face', 'Head', 'Person']);
    expect(buildLabels([{ label: 'dog', score: 0.9, box: [0, 0, 1, 1] }], [], { maxLabels: 2 })).toHaveLength(2);
  });

  it('knows every parent it names', () => {
    for (const info of Object.values(COCO_LABELS)) for (const parent of info.parents) expect(LABELS_BY_NAME.has(parent)).toBe(true);
  });
});

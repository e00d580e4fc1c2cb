/**
 * An analysed image with what Rekognition found drawn over it: face boxes (named
 * when recognised), label instances and detected text lines, each layer switchable;
 * the labels and moderation labels listed beside.
 */
import type { Analysis, BoundingBox } from '@sma/contracts';
import { useState } from 'preact/hooks';
import type { ImageView } from '../../../src/console/api-types';

type ImageAnalysis = Analysis['Images'][number];

interface Box {
  readonly box: BoundingBox;
  readonly label: string;
  readonly kind: 'face' | 'celebrity' | 'label' | 'text';
}

function boxesOf(a: ImageAnalysis): Box[] {
  return [
    ...a.CelebrityFaces.map((c) => ({ box: c.Face.BoundingBox, label: `${c.Name} ${Math.round(c.MatchConfidence)}%`, kind: 'celebrity' as const })),
    ...a.UnrecognizedFaces.map((f) => ({ box: f.BoundingBox, label: `face ${Math.round(f.Confidence)}%`, kind: 'face' as const })),
    ...a.Labels.flatMap((l) => l.Instances.map((i) => ({ box: i.BoundingBox, label: `${l.Name} ${Math.round(i.Confidence)}%`, kind: 'label' as const }))),
    ...a.TextDetections.filter((t) => t.Type === 'LINE').map((t) => ({ box: t.Geometry.BoundingBox, label: t.DetectedText, kind: 'text' as const })),
  ];
}

const LAYERS = [
  ['faces', 'Faces'],
  ['labels', 'Labels'],
  ['text', 'Text'],
] as const;

export function AnalysedImage({ image, index, analysed }: { image: ImageView; index: number; analysed: boolean }) {
  const [size, setSize] = useState<{ w: number; h: number } | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const [layers, setLayers] = useState<Record<string, boolean>>({ faces: true, labels: true, text: true });
  const a = image.analysis;
  if (!image.src || !a) {
    return (
      <figure class="image-card">
        <p class="muted">
          Image {index + 1}: {analysed ? 'not analysed (see the analysis errors above)' : 'waiting for the analysis'}.
          <br />
          <span class="small">{image.url}</span>
        </p>
      </figure>
    );
  }
  const shown = boxesOf(a).filter((b) => (b.kind === 'face' || b.kind === 'celebrity' ? layers['faces'] : b.kind === 'label' ? layers['labels'] : layers['text']));
  const faces = a.CelebrityFaces.length + a.UnrecognizedFaces.length;
  return (
    <figure class="image-card">
      <div class="image-stage">
        {failed ? <p class="muted">The analysed copy has expired or cannot be read.</p> : null}
        <img
          src={image.src}
          alt={`Image ${index + 1} of the message`}
          onLoad={(e) => {
            const img = e.currentTarget as HTMLImageElement;
            setSize({ w: img.naturalWidth, h: img.naturalHeight });
          }}
          onError={() => setFailed(true)}
        />
        {size ? (
          <svg class="overlay" viewBox={`0 0 ${size.w} ${size.h}`} preserveAspectRatio="none" role="img" aria-label={`${faces} face box(es) and ${shown.length} box(es) drawn over the image`}>
            {shown.map((b, i) => {
              const x = b.box.Left * size.w;
              const y = b.box.Top * size.h;
              const w = b.box.Width * size.w;
              const h = b.box.Height * size.h;
              const font = Math.max(12, size.w / 28);
              return (
                <g key={i} class={`box ${b.kind}`} data-kind={b.kind}>
                  <rect x={x} y={y} width={w} height={h} vector-effect="non-scaling-stroke" />
                  <text x={x + 2} y={Math.max(font, y - 4)} font-size={font}>
                    {b.label}
                  </text>
                </g>
              );
            })}
          </svg>
        ) : null}
      </div>
      <figcaption>
        <div class="layer-toggles" role="group" aria-label="Layers">
          {LAYERS.map(([key, name]) => (
            <label key={key}>
              <input type="checkbox" checked={layers[key]} onChange={() => setLayers({ ...layers, [key]: !layers[key] })} /> {name}
            </label>
          ))}
        </div>
        <p class="small">
          <strong>{faces}</strong> face{faces === 1 ? '' : 's'}
          {a.CelebrityFaces.length > 0 ? `: ${a.CelebrityFaces.map((c) => c.Name).join(', ')}` : ''}
        </p>
        <p class="chips">
          {a.Labels.map((l) => (
            <span key={l.Name} class="chip" title={l.Parents.map((p) => p.Name).join(' › ')}>
              {l.Name} <span class="muted">{Math.round(l.Confidence)}%</span>
            </span>
          ))}
        </p>
        {a.ModerationLabels.length > 0 ? (
          <p class="chips">
            {a.ModerationLabels.map((m) => (
              <span key={m.Name} class="chip bad">
                ⚠ {m.Name} {Math.round(m.Confidence)}%
              </span>
            ))}
          </p>
        ) : null}
        {a.TextDetections.some((t) => t.Type === 'LINE') ? (
          <p class="small">
            Text: <q>{a.TextDetections.filter((t) => t.Type === 'LINE').map((t) => t.DetectedText).join(' / ')}</q>
          </p>
        ) : null}
      </figcaption>
    </figure>
  );
}

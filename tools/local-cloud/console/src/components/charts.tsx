/** Charts drawn as SVG: horizontal bars (category → value) and stacked columns over time. */
import type { Bar, StackedColumns } from '../lib/chart-data';
import { linearScale, niceTicks, shortNumber } from '../lib/ticks';

export function BarChart({ bars, title, valueName }: { bars: readonly Bar[]; title: string; valueName: string }) {
  const shown = bars.slice(0, 30);
  const labelW = Math.min(220, Math.max(60, ...shown.map((b) => b.label.length * 7 + 12)));
  const width = 720;
  const row = 22;
  const top = 24;
  const height = top + shown.length * row + 8;
  const ticks = niceTicks(Math.min(0, ...shown.map((b) => b.value)), Math.max(...shown.map((b) => b.value)), 5);
  const x = linearScale([ticks[0] ?? 0, ticks[ticks.length - 1] ?? 1], [labelW, width - 40]);
  return (
    <figure class="chart" data-chart="bars">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}: bar chart of ${shown.length} ${valueName} values`}>
        <title>{title}</title>
        {ticks.map((t) => (
          <g key={t} class="tick">
            <line x1={x(t)} x2={x(t)} y1={top - 6} y2={height - 8} />
            <text x={x(t)} y={top - 10} text-anchor="middle">
              {shortNumber(t)}
            </text>
          </g>
        ))}
        {shown.map((b, i) => {
          const y = top + i * row;
          const x0 = x(Math.min(0, b.value));
          const w = Math.abs(x(b.value) - x(0));
          return (
            <g key={`${b.label}-${i}`} class="bar">
              <text x={labelW - 8} y={y + row / 2 + 4} text-anchor="end" class="bar-label">
                {b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label}
              </text>
              <rect x={x0} y={y + 3} width={Math.max(w, 1)} height={row - 6} rx={2}>
                <title>
                  {b.label}: {b.value}
                </title>
              </rect>
              <text x={x0 + w + 4} y={y + row / 2 + 4} class="bar-value">
                {shortNumber(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      {bars.length > shown.length ? <figcaption class="muted small">The first {shown.length} of {bars.length} rows.</figcaption> : null}
    </figure>
  );
}

const SERIES_CLASS: Record<string, string> = { POSITIVE: 'pos', NEGATIVE: 'neg', NEUTRAL: 'neu', MIXED: 'mix' };

export function StackedColumnChart({ data, title }: { data: StackedColumns; title: string }) {
  const width = 720;
  const height = 240;
  const left = 40;
  const bottom = 40;
  const totals = data.values.map((v) => v.reduce((a, b) => a + b, 0));
  const ticks = niceTicks(0, Math.max(1, ...totals), 4);
  const y = linearScale([0, ticks[ticks.length - 1] ?? 1], [height - bottom, 12]);
  const band = (width - left - 10) / Math.max(1, data.periods.length);
  const colW = Math.min(48, band * 0.7);
  const every = Math.ceil(data.periods.length / 12);
  return (
    <figure class="chart" data-chart="stacked">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}: ${data.periods.length} periods`}>
        <title>{title}</title>
        {ticks.map((t) => (
          <g key={t} class="tick">
            <line x1={left} x2={width - 10} y1={y(t)} y2={y(t)} />
            <text x={left - 6} y={y(t) + 4} text-anchor="end">
              {shortNumber(t)}
            </text>
          </g>
        ))}
        {data.periods.map((p, i) => {
          let acc = 0;
          const cx = left + band * i + band / 2;
          return (
            <g key={p}>
              {data.series.map((s, j) => {
                const v = data.values[i]?.[j] ?? 0;
                if (v === 0) return null;
                const y0 = y(acc);
                acc += v;
                return (
                  <rect key={s} class={`seg ${SERIES_CLASS[s] ?? ''}`} x={cx - colW / 2} y={y(acc)} width={colW} height={y0 - y(acc)}>
                    <title>
                      {p} · {s}: {v}
                    </title>
                  </rect>
                );
              })}
              {i % every === 0 ? (
                <text x={cx} y={height - bottom + 16} text-anchor="middle" class="axis-label">
                  {p.length > 10 ? p.slice(5).replace('T', ' ') : p}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption class="legend small">
        {data.series.map((s) => (
          <span key={s} class={`key ${SERIES_CLASS[s] ?? ''}`}>
            {s}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

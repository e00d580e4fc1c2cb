/** Comprehend's four sentiment scores as small horizontal bars. */
import type { Analysis } from '@sma/contracts';
import { percent } from '../format';

const ORDER = [
  ['Positive', 'pos'],
  ['Negative', 'neg'],
  ['Neutral', 'neu'],
  ['Mixed', 'mix'],
] as const;

export function ScoreBars({ scores }: { scores: Analysis['SentimentScore'] }) {
  if (!scores) return null;
  return (
    <div class="score-bars" role="list" aria-label="Sentiment scores">
      {ORDER.map(([name, cls]) => (
        <div key={name} class="score" role="listitem">
          <span class="score-name">{name}</span>
          <span class="score-track">
            <span class={`score-fill ${cls}`} style={{ width: percent(scores[name]) }} />
          </span>
          <span class="score-value">{percent(scores[name])}</span>
        </div>
      ))}
    </div>
  );
}

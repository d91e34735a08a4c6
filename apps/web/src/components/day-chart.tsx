import type { DayStats } from '../api/types';
import { niceMax, shortNumber, ticks } from './chart-scale';

// Runs or operations per day as an inline SVG bar chart (no chart library). Failed runs are
// the red part of a day's bar; every bar has a tooltip, and the figure a text summary. The bars
// stretch to the chart's width; the axis labels are HTML over them, so a narrow screen never
// squeezes their letters.

interface Props {
  days: readonly DayStats[];
  metric: 'runs' | 'operations';
  title: string;
}

const WIDTH = 640;
const HEIGHT = 160;
const LEFT = 40;
const BOTTOM = 20;
const TOP = 8;

const pct = (x: number) => `${(x / WIDTH) * 100}%`;

export function DayChart({ days, metric, title }: Props) {
  const values = days.map((d) => d[metric]);
  const total = values.reduce((a, b) => a + b, 0);
  const top = niceMax(Math.max(0, ...values));
  const plotH = HEIGHT - BOTTOM - TOP;
  const slot = (WIDTH - LEFT) / Math.max(1, days.length);
  const barW = Math.max(2, slot * 0.7);
  const y = (v: number) => TOP + plotH - (v / top) * plotH;
  const labelEvery = Math.ceil(days.length / 8);
  return (
    <figure className="day-chart">
      <figcaption>
        {title}{' '}
        <span className="muted">
          ({shortNumber(total)} in {days.length} days)
        </span>
      </figcaption>
      <div className="chart-plot">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-label={`${title}: ${total} in ${days.length} days`}
          preserveAspectRatio="none"
        >
          {ticks(top, true).map((t) => (
            <g key={t} className="tick">
              <line x1={LEFT} x2={WIDTH} y1={y(t)} y2={y(t)} />
            </g>
          ))}
          {days.map((d, i) => {
            const x = LEFT + i * slot + (slot - barW) / 2;
            const value = d[metric];
            const failed = metric === 'runs' ? d.errors : 0;
            return (
              <g key={d.date} className="bar" data-date={d.date}>
                <title>{`${d.date}: ${value} ${metric}${metric === 'runs' ? `, ${d.errors} failed` : ''}`}</title>
                <rect
                  x={x}
                  y={y(value)}
                  width={barW}
                  height={Math.max(0, y(0) - y(value))}
                  className={`bar-${metric}`}
                />
                {failed > 0 && (
                  <rect
                    x={x}
                    y={y(failed)}
                    width={barW}
                    height={Math.max(0, y(0) - y(failed))}
                    className="bar-errors"
                  />
                )}
              </g>
            );
          })}
        </svg>
        <div className="chart-labels" aria-hidden="true">
          {ticks(top, true).map((t) => (
            <span key={t} className="y-label" style={{ right: pct(WIDTH - LEFT + 6), top: y(t) - 7 }}>
              {shortNumber(t)}
            </span>
          ))}
          {days.map((d, i) =>
            i % labelEvery === 0 ? (
              <span
                key={d.date}
                className="x-label"
                style={{ left: pct(LEFT + (i + 0.5) * slot), top: HEIGHT - 16 }}
              >
                {d.date.slice(5)}
              </span>
            ) : null,
          )}
        </div>
      </div>
    </figure>
  );
}

import { niceMax, shortNumber, ticks } from './chart-scale';

// Values over time as an inline SVG line (a key result's check-ins), with optional reference
// lines (start, target, limits). Points are placed by time, not evenly.

export interface ValuePoint {
  at: number;
  value: number;
  label: string;
}

interface Props {
  points: readonly ValuePoint[];
  lines?: ReadonlyArray<{ value: number; label: string }>;
  title: string;
}

const W = 640;
const H = 180;
const LEFT = 48;
const RIGHT = 12;
const TOP = 10;
const BOTTOM = 22;

export function ValueChart({ points, lines = [], title }: Props) {
  if (points.length === 0) return <p className="muted">No confirmed check-ins to draw yet.</p>;
  const values = [...points.map((p) => p.value), ...lines.map((l) => l.value)];
  const low = Math.min(0, ...values);
  const high = niceMax(Math.max(...values) - low) + low;
  const first = points[0].at;
  const last = points[points.length - 1].at;
  const span = Math.max(1, last - first);
  const x = (at: number) =>
    points.length === 1 ? (LEFT + W - RIGHT) / 2 : LEFT + ((at - first) / span) * (W - LEFT - RIGHT);
  const y = (v: number) => TOP + (1 - (v - low) / (high - low || 1)) * (H - TOP - BOTTOM);
  const path = points
    .map((p, i) => `${i ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`)
    .join(' ');
  return (
    <figure className="value-chart">
      <figcaption>{title}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${title}: ${points.length} values, latest ${points[points.length - 1].value}`}
      >
        {ticks(high - low).map((t) => (
          <g key={t} className="tick">
            <line x1={LEFT} x2={W - RIGHT} y1={y(t + low)} y2={y(t + low)} />
            <text x={LEFT - 6} y={y(t + low) + 4} textAnchor="end">
              {shortNumber(t + low)}
            </text>
          </g>
        ))}
        {lines.map((l) => (
          <g key={l.label} className="ref-line">
            <line x1={LEFT} x2={W - RIGHT} y1={y(l.value)} y2={y(l.value)} />
            <text x={W - RIGHT} y={y(l.value) - 4} textAnchor="end">
              {l.label}
            </text>
          </g>
        ))}
        <path d={path} className="value-line" />
        {points.map((p) => (
          <circle key={`${p.at}-${p.value}`} cx={x(p.at)} cy={y(p.value)} r={4} className="value-point">
            <title>{`${p.label}: ${p.value}`}</title>
          </circle>
        ))}
        <text x={LEFT} y={H - 4} className="day-label">
          {points[0].label}
        </text>
        {points.length > 1 && (
          <text x={W - RIGHT} y={H - 4} textAnchor="end" className="day-label">
            {points[points.length - 1].label}
          </text>
        )}
      </svg>
    </figure>
  );
}

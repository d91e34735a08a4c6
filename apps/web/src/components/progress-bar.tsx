// A progress bar for key results: the bar is clamped to 0–100 %, the number is the real one
// (progress may exceed 100 % or fall below 0 %; clamping is only how it is drawn).

export function ProgressBar({ value, label }: { value: number | null | undefined; label: string }) {
  const known = value !== null && value !== undefined && Number.isFinite(value);
  const width = known ? Math.min(100, Math.max(0, value)) : 0;
  const text = known ? `${Math.round(value * 100) / 100}%` : 'no progress yet';
  const tone = !known ? '' : value >= 100 ? ' done' : value < 0 ? ' behind' : '';
  return (
    <div
      className="progress"
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={known ? Math.max(0, Math.min(100, value)) : undefined}
      aria-valuetext={text}
    >
      <div className="progress-track">
        <div className={`progress-fill${tone}`} style={{ width: `${width}%` }} />
      </div>
      <span className="progress-text">{text}</span>
    </div>
  );
}

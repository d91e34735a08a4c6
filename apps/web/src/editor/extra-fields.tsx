import { MappedInput } from '../forms/mapped-input';

// Modules that accept mapper keys beyond their declared fields (the array aggregator's picked
// fields, Resume's substitute output) get free name/value rows.

interface Props {
  mapper: Record<string, unknown>;
  declared: ReadonlySet<string>;
  onChange(mapper: Record<string, unknown>): void;
  idPrefix: string;
}

export function ExtraFields({ mapper, declared, onChange, idPrefix }: Props) {
  const entries = Object.entries(mapper).filter(([key]) => !declared.has(key));
  const rebuild = (rows: Array<[string, unknown]>) => {
    const kept = Object.entries(mapper).filter(([key]) => declared.has(key));
    onChange(Object.fromEntries([...kept, ...rows]));
  };
  const rename = (i: number, name: string) => rebuild(entries.map(([k, v], j) => [j === i ? name : k, v]));
  const setValue = (i: number, value: string) =>
    rebuild(entries.map(([k, v], j) => [k, j === i ? value : v]));
  const freeName = () => {
    let n = entries.length + 1;
    while (`field${n}` in mapper) n++;
    return `field${n}`;
  };
  return (
    <div className="extra-fields" role="group" aria-label="Other fields">
      {entries.map(([key, value], i) => (
        <div className="array-row" key={i}>
          <label htmlFor={`${idPrefix}-k${i}`} className="visually-hidden">{`Field name ${i + 1}`}</label>
          <input id={`${idPrefix}-k${i}`} value={key} onChange={(e) => rename(i, e.target.value)} />
          <label htmlFor={`${idPrefix}-v${i}`} className="visually-hidden">{`Value of ${key}`}</label>
          <MappedInput id={`${idPrefix}-v${i}`} value={value} onChange={(v) => setValue(i, v)} />
          <button
            type="button"
            className="remove-row"
            aria-label={`Remove field ${key}`}
            onClick={() => rebuild(entries.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" className="add-row" onClick={() => rebuild([...entries, [freeName(), '']])}>
        Add field
      </button>
    </div>
  );
}

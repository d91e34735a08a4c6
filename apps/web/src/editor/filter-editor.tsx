import { useMemo } from 'react';
import type { Condition, Filter } from '@integrator/engine/blueprint';
import { UNARY_OPERATORS } from '@integrator/engine/filters/operators';
import { MappedInput } from '../forms/mapped-input';
import { operatorGroups } from './operator-options';

// Edits one filter: a name and OR-groups of AND-ed conditions {a, o, b}. Operands may be mapped.

interface Props {
  filter: Filter | null | undefined;
  onChange(filter: Filter | null): void;
  idPrefix: string;
}

const GROUPS = operatorGroups();
const blank = (): Condition => ({ a: '', o: 'text:equal', b: '' });

export function FilterEditor({ filter, onChange, idPrefix }: Props) {
  const groups = useMemo(() => filter?.conditions ?? [], [filter]);
  const write = (conditions: Condition[][]) => {
    const kept = conditions.filter((g) => g.length);
    onChange(kept.length ? { ...(filter?.name ? { name: filter.name } : {}), conditions: kept } : null);
  };
  const setCondition = (g: number, c: number, next: Condition) =>
    write(groups.map((group, i) => (i === g ? group.map((x, j) => (j === c ? next : x)) : group)));
  const removeCondition = (g: number, c: number) =>
    write(groups.map((group, i) => (i === g ? group.filter((_, j) => j !== c) : group)));

  if (!groups.length) {
    return (
      <button type="button" onClick={() => write([[blank()]])}>
        Add a condition
      </button>
    );
  }
  return (
    <div className="filter-editor">
      <label htmlFor={`${idPrefix}-name`}>Label</label>
      <input
        id={`${idPrefix}-name`}
        value={filter?.name ?? ''}
        onChange={(e) => onChange(named(filter ?? { conditions: groups }, e.target.value))}
      />
      {groups.map((group, g) => (
        <fieldset key={g} className="condition-group">
          <legend>{g === 0 ? 'Condition' : 'Or'}</legend>
          {group.map((condition, c) => (
            <ConditionRow
              key={c}
              id={`${idPrefix}-${g}-${c}`}
              name={`${g + 1}.${c + 1}`}
              first={c === 0}
              condition={condition}
              onChange={(next) => setCondition(g, c, next)}
              onRemove={() => removeCondition(g, c)}
            />
          ))}
          <button type="button" onClick={() => write(groups.map((x, i) => (i === g ? [...x, blank()] : x)))}>
            Add AND rule
          </button>
        </fieldset>
      ))}
      <div className="row">
        <button type="button" onClick={() => write([...groups, [blank()]])}>
          Add OR rule
        </button>
        <button type="button" className="danger" onClick={() => onChange(null)}>
          Remove filter
        </button>
      </div>
    </div>
  );
}

interface RowProps {
  id: string;
  name: string;
  first: boolean;
  condition: Condition;
  onChange(condition: Condition): void;
  onRemove(): void;
}

function ConditionRow({ id, name, first, condition, onChange, onRemove }: RowProps) {
  const unary = UNARY_OPERATORS.has(condition.o);
  return (
    <div className="condition" role="group" aria-label={`Condition ${name}`}>
      {!first && <span className="and">and</span>}
      <label htmlFor={`${id}-a`}>Value</label>
      <MappedInput id={`${id}-a`} value={condition.a} onChange={(a) => onChange({ ...condition, a })} />
      <label htmlFor={`${id}-o`}>Operator</label>
      <select
        id={`${id}-o`}
        value={condition.o}
        onChange={(e) => onChange(operand(condition, e.target.value))}
      >
        {GROUPS.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {!unary && (
        <>
          <label htmlFor={`${id}-b`}>Compared with</label>
          <MappedInput id={`${id}-b`} value={condition.b} onChange={(b) => onChange({ ...condition, b })} />
        </>
      )}
      <button type="button" className="remove-row" aria-label={`Remove condition ${name}`} onClick={onRemove}>
        ×
      </button>
    </div>
  );
}

function named(filter: Filter, name: string): Filter {
  const { name: _old, ...rest } = filter;
  return name ? { ...rest, name } : rest;
}

// Unary operators take no right operand: drop it rather than keep a stale value.
function operand(condition: Condition, o: string): Condition {
  if (!UNARY_OPERATORS.has(o)) return { ...condition, o };
  const { b: _b, ...rest } = condition;
  return { ...rest, o };
}

import { defineModule, field, options, userError, type Bundle } from '@integrator/sdk';
import { makeConvert, triggerState } from '@integrator/apps/app-kit';
import { callAirtable, recordBundle, segment, type AirtableRecord } from './api';

// Watch records: polls for records whose created / last-modified time field is at or after the
// last time emitted, oldest first. Records sharing that exact time are remembered by id, so a
// run cut short by the limit neither repeats nor skips them.

interface Position {
  key: string;
  time: string;
  ids: string[];
}

const PAGE = 100;

export const watchRecords = defineModule({
  key: 'airtable:TriggerWatchRecords',
  label: 'Watch records',
  description: 'Emits new or changed records, by a "Created time" or "Last modified time" field.',
  kind: 'trigger',
  versions: [1, 2, 3],
  connection: { types: ['airtable'] },
  make: { convert: makeConvert('airtable') },
  mapper: {
    base: field.text({ label: 'Base ID', required: true }),
    table: field.text({ label: 'Table (name or ID)', required: true }),
    triggerField: field.text({
      label: 'Trigger field',
      required: true,
      help: 'A "Created time" or "Last modified time" field of the table.',
    }),
    formula: field.text({ label: 'Formula', help: 'Only records that also match this formula.' }),
    view: field.text({ label: 'View (name or ID)' }),
    startFrom: field.select({
      label: 'Start from (first run)',
      options: options(['now', 'From now on'], ['all', 'All records'], ['date', 'Since a date']),
      default: 'now',
    }),
    since: field.date({ label: 'Since', help: 'With Start from “Since a date”.' }),
    limit: field.number({ label: 'Maximum number of records per run', integer: true, min: 1, default: 10 }),
  },
  output: { sample: { id: 'recXXXXXXXXXXXXXX', createdTime: '2026-01-01T00:00:00.000Z', Name: 'Example' } },
  run: async (ctx) => {
    const { http, mapper } = ctx;
    const timeField = mapper.triggerField.trim();
    if (/[{}]/.test(timeField)) throw userError('is a field name, without braces', 'triggerField');
    const { state, save } = await triggerState<Position>(ctx);
    const key = `${mapper.base}/${mapper.table}/${timeField}`;
    const known = state?.key === key ? state : undefined;
    if (!known && mapper.startFrom === 'now') {
      await save({ key, time: new Date(ctx.clock.now()).toISOString(), ids: [] });
      return [];
    }
    let from = known?.time;
    if (!from && mapper.startFrom === 'date') {
      if (!mapper.since) throw userError('is required with Start from “Since a date”', 'since');
      from = new Date(mapper.since).toISOString();
    }
    const seen = new Set(known?.ids ?? []);
    const since = from ? `NOT(IS_BEFORE({${timeField}}, '${from}'))` : undefined;
    const user = mapper.formula?.trim();
    const formula = since && user ? `AND(${since}, ${user})` : (since ?? user);
    const url = `/v0/${segment(mapper.base, 'base')}/${segment(mapper.table, 'table')}`;
    const limit = mapper.limit ?? 10;
    const out: Bundle[] = [];
    let last = { time: from ?? '', ids: [...seen] };
    let offset: string | undefined;
    do {
      const query = {
        ...(formula ? { filterByFormula: formula } : {}),
        ...(mapper.view?.trim() ? { view: mapper.view.trim() } : {}),
        'sort[0][field]': timeField,
        'sort[0][direction]': 'asc',
        pageSize: PAGE,
        ...(offset ? { offset } : {}),
      };
      const res = await callAirtable(http, { method: 'GET', url, query }, { record: 'triggerField' });
      const body = res.body as { records?: AirtableRecord[]; offset?: string };
      for (const r of body.records ?? []) {
        if (out.length >= limit) break;
        const time = r.fields[timeField];
        if (typeof time !== 'string')
          throw userError('must name a time field that every record has', 'triggerField');
        if (time === from && seen.has(r.id)) continue;
        out.push(recordBundle(r));
        last = time === last.time ? { time, ids: [...last.ids, r.id] } : { time, ids: [r.id] };
      }
      offset = out.length < limit ? body.offset : undefined;
    } while (offset);
    if (out.length || !known)
      await save({ key, time: last.time || new Date(ctx.clock.now()).toISOString(), ids: last.ids });
    return out;
  },
});

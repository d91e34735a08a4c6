import { defineModule, field, userError } from '@integrator/sdk';
import { notionId } from './api';
import { appendChildren, paragraphs } from './pages';

export const appendBlocks = defineModule({
  key: 'notion:appendBlocks',
  label: 'Append content to a page',
  description:
    'Adds blocks at the end of a page (or of a block): paragraphs from text, or Notion’s block objects.',
  kind: 'action',
  connection: { types: ['notion', 'notion-oauth'] },
  mapper: {
    page: field.text({ label: 'Page or block ID', required: true }),
    text: field.text({ label: 'Text', multiline: true, help: 'A paragraph per line.' }),
    blocks: field.any({ label: 'Blocks', help: 'Notion block objects (JSON), added after the text.' }),
  },
  output: { sample: { blocks: [{ object: 'block', type: 'paragraph' }] } },
  run: async ({ http, mapper }) => {
    const children = [...(mapper.text ? paragraphs(mapper.text) : []), ...blockList(mapper.blocks)];
    if (!children.length) throw userError('or blocks: give something to append', 'text');
    return { blocks: await appendChildren(http, notionId(mapper.page, 'page'), children) };
  },
});

function blockList(value: unknown): Array<Record<string, unknown>> {
  if (value === undefined || value === null || value === '') return [];
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      throw userError('must be a JSON array of Notion blocks', 'blocks');
    }
  }
  if (!Array.isArray(list) || list.some((b) => !b || typeof b !== 'object' || typeof b.type !== 'string'))
    throw userError('must be an array of Notion blocks, each with a type', 'blocks');
  return list as Array<Record<string, unknown>>;
}

import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { FieldForm, type FieldFormProps, type FormField } from '../../src/forms';
import { mappingSources } from '../../src/forms/mapping-sources';
import { findModule } from '../../src/canvas';
import { catalog } from '../fixtures/catalog';
import { fieldText, typeInto } from '../fixtures/mapped-field';

const contact = findModule(catalog, 'crm:CreateContact')!.module;

// A stateful host, so edits show up as they would on a page.
function Host(
  props: Partial<FieldFormProps> & {
    initial?: Record<string, unknown>;
    onValue?: (v: Record<string, unknown>) => void;
  },
) {
  const [value, setValue] = useState<Record<string, unknown>>(props.initial ?? {});
  return (
    <FieldForm
      fields={props.fields ?? contact.mapper}
      {...props}
      value={value}
      onChange={(v) => {
        setValue(v);
        props.onValue?.(v);
      }}
    />
  );
}

const lastValue = (fn: jest.Mock) => fn.mock.calls[fn.mock.calls.length - 1][0];

describe('FieldForm', () => {
  it('renders every field type from metadata, labels bound to inputs', () => {
    render(<Host />);
    expect(screen.getByLabelText(/^Email/)).toBeInstanceOf(HTMLInputElement);
    expect(screen.getByLabelText('Note')).toBeInstanceOf(HTMLTextAreaElement);
    expect(screen.getByLabelText('Portal password').getAttribute('type')).toBe('password');
    expect(screen.getByLabelText('Age')).toBeInstanceOf(HTMLInputElement);
    expect(screen.getByLabelText('VIP').getAttribute('type')).toBe('checkbox');
    expect(screen.getByLabelText('Tier')).toBeInstanceOf(HTMLSelectElement);
    expect(screen.getByRole('group', { name: 'Tags' })).toBeTruthy();
    expect(screen.getByLabelText('Extra')).toBeInstanceOf(HTMLTextAreaElement);
    expect(screen.getByLabelText('Birthday')).toBeInstanceOf(HTMLInputElement);
    expect(screen.getByRole('group', { name: 'Phones' })).toBeTruthy();
    expect(screen.getByLabelText('City')).toBeInstanceOf(HTMLInputElement);
    expect(screen.getByLabelText('Source module')).toBeInstanceOf(HTMLSelectElement);
  });

  it('turns edits into typed values', () => {
    const onValue = jest.fn();
    render(<Host onValue={onValue} />);
    fireEvent.change(screen.getByLabelText(/^Email/), { target: { value: 'ada@example.com' } });
    fireEvent.change(screen.getByLabelText('Age'), { target: { value: '36' } });
    fireEvent.click(screen.getByLabelText('VIP'));
    fireEvent.change(screen.getByLabelText('Tier'), { target: { value: '1' } });
    fireEvent.click(screen.getByLabelText('c'));
    fireEvent.click(screen.getByLabelText('a'));
    fireEvent.change(screen.getByLabelText('City'), { target: { value: 'Delft' } });
    expect(lastValue(onValue)).toEqual({
      email: 'ada@example.com',
      age: 36,
      vip: true,
      tier: 'silver',
      tags: ['a', 'c'],
      address: { city: 'Delft' },
    });
    fireEvent.change(screen.getByLabelText('Age'), { target: { value: '{{1.age}}' } });
    fireEvent.change(screen.getByLabelText(/^Email/), { target: { value: '' } });
    expect(lastValue(onValue)).toEqual({
      age: '{{1.age}}',
      vip: true,
      tier: 'silver',
      tags: ['a', 'c'],
      address: { city: 'Delft' },
    });
  });

  it('adds and removes array rows with sub-fields', () => {
    const onValue = jest.fn();
    render(<Host onValue={onValue} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add phones' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add phones' }));
    const numbers = screen.getAllByLabelText(/^Number/);
    fireEvent.change(numbers[0], { target: { value: '111' } });
    fireEvent.change(numbers[1], { target: { value: '222' } });
    fireEvent.change(screen.getAllByLabelText('Kind')[1], { target: { value: '1' } });
    expect(lastValue(onValue).phones).toEqual([{ number: '111' }, { number: '222', kind: 'work' }]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Phones 1' }));
    expect(lastValue(onValue).phones).toEqual([{ number: '222', kind: 'work' }]);
  });

  it('shows errors next to the field they name, also inside arrays', () => {
    render(
      <Host
        initial={{ phones: [{ number: '' }] }}
        errors={[
          { path: 'email', message: 'is required' },
          { path: 'phones[0].number', message: 'is too short' },
        ]}
      />,
    );
    const email = screen.getByLabelText(/^Email/);
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const described = document.getElementById(email.getAttribute('aria-describedby')!.split(' ')[0]);
    expect(described?.textContent).toBe('is required');
    const row = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(row).toEqual(['is required', 'is too short']);
  });

  it('validates mappings as you type and shows the parse error', () => {
    render(<Host />);
    const email = () => screen.getByLabelText(/^Email/);
    typeInto(email(), '{{ $uppercase(1.email }}');
    expect(screen.getByRole('status').textContent).toMatch(/Expected "\)"/);
    typeInto(email(), '{{ $uppercase(1.email) }}');
    expect(screen.queryByRole('status')).toBeNull();
    typeInto(email(), 'Hi {{1.name');
    expect(screen.getByRole('status').textContent).toBe('a {{ is never closed with }}');
    fireEvent.change(screen.getByLabelText('Extra'), { target: { value: '{"a":' } });
    expect(screen.getAllByRole('status').map((s) => s.textContent)).toEqual([
      'a {{ is never closed with }}',
      expect.stringMatching(/^is not valid JSON/),
    ]);
  });

  it('inserts a field of an earlier module from the mapping picker', () => {
    const onValue = jest.fn();
    const earlier = [{ id: 1, module: 'gateway:CustomWebHook' }];
    render(<Host onValue={onValue} sources={mappingSources(earlier, catalog)} />);
    const noteRow = screen.getByLabelText('Note').closest('.field') as HTMLElement;
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Dear ' } });
    fireEvent.click(within(noteRow).getByRole('button', { name: 'Insert a mapping' }));
    const picker = within(noteRow).getByRole('dialog', { name: 'Insert a mapping' });
    fireEvent.click(within(picker).getByRole('button', { name: /^first name/ }));
    expect(lastValue(onValue).note).toBe('Dear {{1.customer.`first name`}}');
    fireEvent.click(within(noteRow).getByRole('button', { name: 'Insert a mapping' }));
    fireEvent.click(within(noteRow).getByRole('tab', { name: 'Functions' }));
    fireEvent.change(within(noteRow).getByLabelText('Search mappings'), { target: { value: 'ifempty' } });
    // Listed under Make's name, inserted as the expression the engine runs.
    fireEvent.click(within(noteRow).getByRole('button', { name: /^ifempty/ }));
    expect(lastValue(onValue).note).toBe('Dear {{1.customer.`first name`}}{{$ifempty(, "")}}');
    // The reference shows as one pill in the module's colour, the formula as text around its pills.
    const note = screen.getByLabelText('Note');
    expect(note.getAttribute('role')).toBe('textbox');
    expect(Array.from(note.querySelectorAll('.pill-label')).map((p) => p.textContent)).toEqual([
      '1. customer.first name',
    ]);
    expect(fieldText(note)).toBe('Dear {{1.customer.`first name`}}{{$ifempty(, "")}}');
  });

  it('picks connections of the accepted types and asks the page to add one', () => {
    const onAdd = jest.fn();
    const onValue = jest.fn();
    const connections = [
      { id: 4, name: 'Main CRM', type: 'crm-key' },
      { id: 5, name: 'Other app', type: 'other' },
    ];
    const fields = [
      {
        name: 'connection',
        type: 'connection',
        label: 'Connection',
        required: true,
        connectionTypes: ['crm-key'],
      },
    ] as FormField[];
    render(<Host fields={fields} connections={connections} onAddConnection={onAdd} onValue={onValue} />);
    const select = screen.getByLabelText(/^Connection/);
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Choose a connection…', 'Main CRM']);
    fireEvent.change(select, { target: { value: '0' } });
    expect(lastValue(onValue)).toEqual({ connection: 4 });
    fireEvent.click(screen.getByRole('button', { name: 'Add connection' }));
    expect(onAdd).toHaveBeenCalledWith(['crm-key'], expect.any(Function));
  });

  it('feeds resource pickers from a prop and module pickers from earlier modules', () => {
    const onValue = jest.fn();
    render(
      <Host
        fields={findModule(catalog, 'crm:CreateContact')!.module.parameters}
        resources={{ datastore: [{ value: 9, label: 'Leads store' }] }}
        onValue={onValue}
      />,
    );
    fireEvent.change(screen.getByLabelText('List'), { target: { value: '0' } });
    expect(lastValue(onValue)).toEqual({ list: 9 });
  });

  it('lists earlier modules in a module field and keeps advanced fields behind a disclosure', () => {
    const onValue = jest.fn();
    const fields = [
      { name: 'feeder', type: 'module', label: 'Source module', required: true },
      { name: 'stop', type: 'boolean', label: 'Stop when empty', advanced: true },
    ] as FormField[];
    const sources = mappingSources([{ id: 2, module: 'builtin:BasicFeeder' }], catalog);
    render(<Host fields={fields} sources={sources} onValue={onValue} />);
    fireEvent.change(screen.getByLabelText(/^Source module/), { target: { value: '0' } });
    expect(lastValue(onValue)).toEqual({ feeder: 2 });
    expect(screen.getByText('Advanced settings').closest('details')?.hasAttribute('open')).toBe(false);
  });

  it('outside a scenario (mapping off) offers no mapping picker and keeps text literal', () => {
    const onValue = jest.fn();
    render(<Host mapping={false} onValue={onValue} />);
    expect(screen.queryAllByRole('button', { name: 'Insert a mapping' })).toHaveLength(0);
    fireEvent.change(screen.getByLabelText('Portal password'), { target: { value: 's3cret' } });
    expect(screen.getByLabelText('Portal password').getAttribute('type')).toBe('password');
    expect(lastValue(onValue)).toEqual({ password: 's3cret' });
  });
});

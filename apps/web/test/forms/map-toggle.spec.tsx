import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { FieldForm, type FieldFormProps, type FormField } from '../../src/forms';
import { fieldText } from '../fixtures/mapped-field';

// Make's "Map" switch on fixed-choice fields of a module: on, the field takes a {{ mapping }};
// off again, the mapping goes (a fixed choice never holds one). Settings have no switch.

const fields: FormField[] = [
  {
    name: 'interval',
    type: 'select',
    label: 'Plan interval',
    options: [
      { value: 'month', label: 'Monthly' },
      { value: 'year', label: 'Yearly' },
    ],
  },
  { name: 'vip', type: 'boolean', label: 'VIP' },
];

function Host(
  props: Partial<FieldFormProps> & {
    onValue: (v: Record<string, unknown>) => void;
    initial?: Record<string, unknown>;
  },
) {
  const [value, setValue] = useState<Record<string, unknown>>(props.initial ?? { interval: 'month' });
  return (
    <FieldForm
      fields={fields}
      {...props}
      value={value}
      onChange={(v) => {
        setValue(v);
        props.onValue(v);
      }}
    />
  );
}

describe('the Map switch of fixed-choice fields', () => {
  it('lets a select and a checkbox of a module take a mapped value, and switching back clears it', () => {
    const onValue = jest.fn();
    render(<Host mapChoices onValue={onValue} />);
    expect(screen.getByLabelText(/^Plan interval/).tagName).toBe('SELECT');
    const toggle = screen.getByRole('button', { name: 'Map Plan interval' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    const text = screen.getByLabelText(/^Plan interval/) as HTMLInputElement;
    expect(text.tagName).toBe('INPUT');
    expect(text.value).toBe('month');
    fireEvent.change(text, { target: { value: '{{1.interval}}' } });
    expect(onValue).toHaveBeenLastCalledWith({ interval: '{{1.interval}}' });

    fireEvent.click(screen.getByRole('button', { name: 'Map VIP' }));
    fireEvent.change(screen.getByLabelText('VIP'), { target: { value: '{{1.vip}}' } });
    expect(onValue).toHaveBeenLastCalledWith({ interval: '{{1.interval}}', vip: '{{1.vip}}' });

    fireEvent.click(toggle);
    expect(screen.getByLabelText(/^Plan interval/).tagName).toBe('SELECT');
    expect(onValue).toHaveBeenLastCalledWith({ vip: '{{1.vip}}' });
  });

  it('opens a saved mapping mapped, and offers no switch in settings', () => {
    const { unmount } = render(<Host mapChoices initial={{ interval: '{{1.plan}}' }} onValue={jest.fn()} />);
    expect(screen.getByRole('button', { name: 'Map Plan interval' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(fieldText(screen.getByLabelText(/^Plan interval/))).toBe('{{1.plan}}');
    unmount();
    render(<Host onValue={jest.fn()} />);
    expect(screen.queryByRole('button', { name: /^Map / })).toBeNull();
  });
});

import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { FieldForm, type FormField } from '../../src/forms';

// Status never contradicts the state: a field's "is required" (from the last save or run)
// goes as soon as the field has a value; other errors stay until the server says otherwise.

const fields: FormField[] = [
  { name: 'name', type: 'text', label: 'Variable name', required: true },
  { name: 'age', type: 'number', label: 'Age' },
];

function Host() {
  const [value, setValue] = useState<Record<string, unknown>>({ age: 'x' });
  return (
    <FieldForm
      fields={fields}
      value={value}
      onChange={setValue}
      errors={[
        { path: 'name', message: 'is required' },
        { path: 'age', message: 'must be a number' },
      ]}
    />
  );
}

it('clears "is required" once the field is set, and shows it again when emptied', () => {
  render(<Host />);
  const alerts = () => screen.queryAllByRole('alert').map((a) => a.textContent);
  expect(alerts()).toEqual(['is required', 'must be a number']);
  fireEvent.change(screen.getByLabelText(/^Variable name/), { target: { value: 'plan' } });
  expect(alerts()).toEqual(['must be a number']);
  expect(screen.getByLabelText(/^Variable name/).getAttribute('aria-invalid')).toBeNull();
  fireEvent.change(screen.getByLabelText(/^Variable name/), { target: { value: '' } });
  expect(alerts()).toEqual(['is required', 'must be a number']);
});

import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { FieldForm } from '../../src/forms';
import { mappingSources } from '../../src/forms/mapping-sources';
import { catalog } from '../fixtures/catalog';
import { fieldText, typeInto } from '../fixtures/mapped-field';

// The pill editor in a form: a mapped value shows as pills, removed whole by their × or by
// Backspace; a mapping typed in becomes a pill; what is stored stays the expression text.

const fields = [
  { name: 'note', type: 'text' as const, label: 'Note' },
  { name: 'body', type: 'text' as const, label: 'Body', multiline: true },
];
const sources = mappingSources([{ id: 1, module: 'gateway:CustomWebHook' }], catalog);

function Host({
  initial,
  onValue,
  body,
}: {
  initial: string;
  onValue(v: Record<string, unknown>): void;
  body?: string;
}) {
  const [value, setValue] = useState<Record<string, unknown>>({ note: initial, ...(body ? { body } : {}) });
  return (
    <FieldForm
      fields={fields}
      sources={sources}
      mapChoices
      value={value}
      onChange={(v) => {
        setValue(v);
        onValue(v);
      }}
    />
  );
}

function caretAtEnd(el: HTMLElement): void {
  el.focus();
  const range = document.createRange();
  range.selectNodeContents(el);
  range.collapse(false);
  document.getSelection()?.removeAllRanges();
  document.getSelection()?.addRange(range);
}

const labels = (el: HTMLElement) => Array.from(el.querySelectorAll('.pill-label')).map((p) => p.textContent);

describe('the pill editor', () => {
  it('shows references as pills named by module and field, and × removes one whole', () => {
    const onValue = jest.fn();
    render(
      <Host
        initial="Hi {{1.customer.email}} and {{$uppercase(1.customer.`first name`)}}"
        onValue={onValue}
      />,
    );
    const note = screen.getByRole('textbox', { name: 'Note' });
    expect(labels(note)).toEqual(['1. customer.email', '1. customer.first name']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove 1. customer.email' }));
    expect(onValue).toHaveBeenLastCalledWith({ note: 'Hi  and {{$uppercase(1.customer.`first name`)}}' });
    expect(labels(note)).toEqual(['1. customer.first name']);
  });

  it('Backspace right after a pill removes the pill, not one character', () => {
    const onValue = jest.fn();
    render(<Host initial="a{{1.customer.email}}" onValue={onValue} />);
    const note = screen.getByRole('textbox', { name: 'Note' });
    caretAtEnd(note);
    fireEvent.keyDown(note, { key: 'Backspace' });
    expect(onValue).toHaveBeenLastCalledWith({ note: 'a' });
  });

  it('Enter starts a new line in a multi-line field and does nothing in a one-line one', () => {
    const onValue = jest.fn();
    render(<Host initial="{{1.id}}" body="a {{1.id}}" onValue={onValue} />);
    const note = screen.getByRole('textbox', { name: 'Note' });
    caretAtEnd(note);
    fireEvent.keyDown(note, { key: 'Enter' });
    expect(onValue).not.toHaveBeenCalled();
    const body = screen.getByRole('textbox', { name: 'Body' });
    expect(body.getAttribute('aria-multiline')).toBe('true');
    caretAtEnd(body);
    fireEvent.keyDown(body, { key: 'Enter' });
    expect(onValue).toHaveBeenLastCalledWith({ note: '{{1.id}}', body: 'a {{1.id}}\n' });
  });

  it('turns a typed mapping into a pill, keeping the text around it', () => {
    const onValue = jest.fn();
    render(<Host initial="{{1.customer.email}}" onValue={onValue} />);
    const note = screen.getByRole('textbox', { name: 'Note' });
    typeInto(note, 'Dear {{1.customer.email}}, {{1.id}}!');
    expect(labels(note)).toEqual(['1. customer.email', '1. id']);
    expect(fieldText(note)).toBe('Dear {{1.customer.email}}, {{1.id}}!');
    expect(onValue).toHaveBeenLastCalledWith({ note: 'Dear {{1.customer.email}}, {{1.id}}!' });
  });
});

import { canRedo, canUndo, createHistory, pushHistory, redo, undo } from '../../src/canvas';

describe('History', () => {
  it('undoes and redoes in order, and a new edit drops the redo list', () => {
    let h = createHistory('a');
    h = pushHistory(h, 'b');
    h = pushHistory(h, 'c');
    expect(canUndo(h)).toBe(true);
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe('b');
    expect(canRedo(h)).toBe(true);
    h = pushHistory(h, 'd');
    expect(canRedo(h)).toBe(false);
    expect(redo(h)).toBe(h);
    expect([...h.past, h.present]).toEqual(['a', 'b', 'd']);
  });

  it('ignores a push of the same value and keeps at most `limit` entries', () => {
    const h = createHistory(1);
    expect(pushHistory(h, 1)).toBe(h);
    let long = h;
    for (let i = 2; i <= 10; i++) long = pushHistory(long, i, 3);
    expect(long.past).toEqual([7, 8, 9]);
  });
});

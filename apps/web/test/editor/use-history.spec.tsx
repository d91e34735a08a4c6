import { act, renderHook } from '@testing-library/react';
import { useHistory } from '../../src/editor';

describe('useHistory', () => {
  it('returns the new present at once and merges pushes of one group into one step', () => {
    const { result } = renderHook(() => useHistory('a'));
    let present = '';
    act(() => {
      present = result.current.push('ab', 'name');
    });
    expect(present).toBe('ab');
    act(() => void result.current.push('abc', 'name'));
    act(() => void result.current.push('abc!', 'other'));
    expect(result.current.present).toBe('abc!');
    act(() => void result.current.undo());
    expect(result.current.present).toBe('abc');
    act(() => void result.current.undo());
    expect(result.current.present).toBe('a');
    expect(result.current.canUndo).toBe(false);
    act(() => void result.current.redo());
    expect(result.current.present).toBe('abc');
    act(() => void result.current.reset('z'));
    expect(result.current).toMatchObject({ present: 'z', canUndo: false, canRedo: false });
  });
});

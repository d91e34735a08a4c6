import { useEffect, useRef, type ReactNode } from 'react';

// A panel over the right side of the page (settings, schedule, versions, forms). Escape or
// the close button closes it; focus moves into it when it opens and back when it closes.

interface Props {
  title: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
}

export function Drawer({ title, onClose, children, wide }: Props) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = panel.current?.querySelector<HTMLElement>(
      'input, select, textarea, button:not(.icon-button)',
    );
    (first ?? panel.current)?.focus();
    return () => before?.focus();
  }, []);
  return (
    // A div: axe allows the dialog role on it, not on <aside>.
    <div
      ref={panel}
      className={`drawer${wide ? ' wide' : ''}`}
      role="dialog"
      aria-label={title}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="panel-head">
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="drawer-body">{children}</div>
    </div>
  );
}

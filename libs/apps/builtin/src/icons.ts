// Small inline SVG icons for the canvas nodes (24x24, currentColor).

const svg = (body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

export const icons = {
  flow: svg(
    '<path d="M6 3v12"/><circle cx="18" cy="6" r="3"/><circle cx="6" cy="18" r="3"/><path d="M18 9a9 9 0 0 1-9 9"/>',
  ),
  tools: svg(
    '<path d="M14.7 6.3a4 4 0 0 0-5.4 5.4L3 18l3 3 6.3-6.3a4 4 0 0 0 5.4-5.4l-2.5 2.5-2.4-.6-.6-2.4z"/>',
  ),
  json: svg(
    '<path d="M8 3H7a2 2 0 0 0-2 2v5a2 2 0 0 1-2 2 2 2 0 0 1 2 2v5a2 2 0 0 0 2 2h1"/><path d="M16 21h1a2 2 0 0 0 2-2v-5a2 2 0 0 1 2-2 2 2 0 0 1-2-2V5a2 2 0 0 0-2-2h-1"/>',
  ),
  webhook: svg(
    '<path d="M18 16.98h-5.99c-1.1 0-1.95.94-2.48 1.9A4 4 0 0 1 2 17c.01-.7.2-1.4.57-2"/><path d="m6 17 3.13-5.78c.53-.97.1-2.18-.5-3.1a4 4 0 1 1 6.89-4.06"/><path d="m12 6 3.13 5.73C15.66 12.7 16.9 13 18 13a4 4 0 0 1 0 8"/>',
  ),
  // If-else: one path splitting into two exclusive ones.
  ifElse: svg(
    '<path d="M12 21v-7"/><path d="M12 14 6 8"/><path d="m12 14 6-6"/><path d="M3 8h6"/><path d="M15 8h6"/><circle cx="12" cy="4" r="1"/>',
  ),
  // Router: one path fanning out into three.
  router: svg(
    '<circle cx="5" cy="12" r="2"/><path d="M7 12h4"/><path d="M11 12 19 5"/><path d="M11 12h8"/><path d="m11 12 8 7"/>',
  ),
  // Iterator: a list taken apart item by item.
  iterator: svg(
    '<path d="M4 6h8"/><path d="M4 12h8"/><path d="M4 18h8"/><path d="m16 9 3 3-3 3"/><path d="M12 12h7"/>',
  ),
  // Array aggregator: items gathered into one bracketed list.
  arrayAggregator: svg(
    '<path d="M8 4H5v16h3"/><path d="M16 4h3v16h-3"/><path d="M9 9h6"/><path d="M9 15h6"/>',
  ),
  // Text aggregator: lines joined into one text.
  textAggregator: svg(
    '<path d="M4 6h10"/><path d="M4 12h10"/><path d="M14 6a6 6 0 0 1 0 12H8"/><path d="m11 15-3 3 3 3"/>',
  ),
  // Numeric aggregator: a sum sign.
  numericAggregator: svg('<path d="M18 5H6l6 7-6 7h12"/>'),
  // Aggregate to JSON: braces around gathered items.
  jsonAggregator: svg(
    '<path d="M8 3H7a2 2 0 0 0-2 2v5l-2 2 2 2v5a2 2 0 0 0 2 2h1"/><path d="M16 3h1a2 2 0 0 1 2 2v5l2 2-2 2v5a2 2 0 0 1-2 2h-1"/><path d="M9 12h6"/><path d="M12 9v6"/>',
  ),
  // Repeater: a loop arrow.
  repeater: svg(
    '<path d="M17 2l4 4-4 4"/><path d="M3 11V9a3 3 0 0 1 3-3h15"/><path d="M7 22l-4-4 4-4"/><path d="M21 13v2a3 3 0 0 1-3 3H3"/>',
  ),
  // Error directives.
  ignore: svg('<circle cx="12" cy="12" r="9"/><path d="m5.6 5.6 12.8 12.8"/>'),
  resume: svg('<path d="m7 4 12 8-12 8z"/>'),
  commit: svg('<path d="m4 12 5 5L20 6"/>'),
  rollback: svg('<path d="M9 14 4 9l5-5"/><path d="M4 9h11a5 5 0 0 1 0 10h-4"/>'),
  break: svg('<rect x="6" y="4" width="4" height="16"/><rect x="14" y="4" width="4" height="16"/>'),
  // Merge: two paths joining into one.
  merge: svg(
    '<path d="M6 3v4a6 6 0 0 0 6 6"/><path d="M18 3v4a6 6 0 0 1-6 6"/><path d="M12 13v8"/><path d="m9 18 3 3 3-3"/>',
  ),
};

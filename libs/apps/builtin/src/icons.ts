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
  // Merge: two paths joining into one.
  merge: svg(
    '<path d="M6 3v4a6 6 0 0 0 6 6"/><path d="M18 3v4a6 6 0 0 1-6 6"/><path d="M12 13v8"/><path d="m9 18 3 3 3-3"/>',
  ),
};

import type { MappingSource } from './mapping-sources';
import { pieces, pillLook } from './pill-text';

// The DOM side of the pill editor: a contenteditable element holding text nodes and pills
// (non-editable spans that carry the exact text they stand for in data-raw). Offsets are
// counted in the stored text, where a pill is as long as its raw text.

// Chrome cannot put the caret after a non-editable span that ends a line, nor between two:
// a zero-width space gives it a place. It never reaches the stored text.
const ZWSP = '\u200b';
const stripped = (s: string) => s.split(ZWSP).join('');

export function isPill(node: Node | null | undefined): node is HTMLElement {
  return !!node && node.nodeType === 1 && (node as HTMLElement).dataset.raw !== undefined;
}

/** Replaces the element's content with text nodes and pills for the text. */
export function renderPieces(el: HTMLElement, text: string, sources: readonly MappingSource[]): void {
  const doc = el.ownerDocument;
  const nodes: Node[] = [];
  for (const piece of pieces(text)) {
    if ('text' in piece) {
      nodes.push(doc.createTextNode(piece.text));
      continue;
    }
    if (!nodes.length || isPill(nodes[nodes.length - 1])) nodes.push(doc.createTextNode(ZWSP));
    nodes.push(pillElement(doc, piece.pill, piece.reference, sources));
  }
  if (!nodes.length || isPill(nodes[nodes.length - 1])) nodes.push(doc.createTextNode(ZWSP));
  el.replaceChildren(...nodes);
}

function pillElement(
  doc: Document,
  raw: string,
  reference: string,
  sources: readonly MappingSource[],
): HTMLElement {
  const look = pillLook(reference, sources);
  const pill = doc.createElement('span');
  pill.className = 'pill';
  pill.contentEditable = 'false';
  pill.dataset.raw = raw;
  pill.title = look.title;
  pill.style.background = look.color;
  pill.style.color = look.ink;
  const label = doc.createElement('span');
  label.className = 'pill-label';
  label.textContent = look.label;
  const remove = doc.createElement('button');
  remove.type = 'button';
  remove.className = 'pill-remove';
  remove.tabIndex = -1;
  remove.setAttribute('aria-label', `Remove ${look.label}`);
  remove.style.color = look.ink;
  remove.textContent = '×';
  pill.append(label, remove);
  return pill;
}

/** The stored text the element holds now. */
export function serialize(el: HTMLElement): string {
  let out = '';
  const walk = (node: Node, top: boolean) => {
    if (node.nodeType === 3) out += stripped(node.nodeValue ?? '');
    else if (isPill(node)) out += node.dataset.raw;
    else if (node.nodeName === 'BR') {
      // Chrome keeps a lone <br> at the end of an editable element; it is not a line.
      if (node.nextSibling || !top) out += '\n';
    } else {
      // A block Chrome made for a new line.
      if (!top && /^(DIV|P)$/.test(node.nodeName) && out && !out.endsWith('\n')) out += '\n';
      node.childNodes.forEach((c) => walk(c, false));
    }
  };
  el.childNodes.forEach((c) => walk(c, true));
  return out;
}

/** The raw texts of the pills in the element, in order. */
export function pillsIn(el: HTMLElement): string[] {
  return Array.from(el.querySelectorAll<HTMLElement>('[data-raw]')).map((p) => p.dataset.raw ?? '');
}

function lengthOf(node: Node): number {
  if (node.nodeType === 3) return stripped(node.nodeValue ?? '').length;
  if (isPill(node)) return (node.dataset.raw ?? '').length;
  let n = 0;
  node.childNodes.forEach((c) => (n += lengthOf(c)));
  return n;
}

/** The caret's offset in the stored text, or undefined when it is not in the element. */
export function caretOffset(el: HTMLElement): number | undefined {
  const sel = el.ownerDocument.getSelection();
  if (!sel || !sel.rangeCount) return undefined;
  const range = sel.getRangeAt(0);
  if (!el.contains(range.endContainer)) return undefined;
  const pre = el.ownerDocument.createRange();
  pre.selectNodeContents(el);
  pre.setEnd(range.endContainer, range.endOffset);
  const frag = pre.cloneContents();
  return lengthOf(frag);
}

/** Puts the caret at an offset of the stored text (after a pill when it falls inside one). */
export function placeCaret(el: HTMLElement, offset: number): void {
  const doc = el.ownerDocument;
  const sel = doc.getSelection();
  if (!sel) return;
  const range = doc.createRange();
  let left = offset;
  let placed = false;
  for (const node of Array.from(el.childNodes)) {
    const len = lengthOf(node);
    if (node.nodeType === 3 && left <= len) {
      range.setStart(node, domOffset(node.nodeValue ?? '', left));
      placed = true;
      break;
    }
    if (left < len || (left === len && node.nodeType !== 3 && !node.nextSibling)) {
      range.setStartAfter(node);
      placed = true;
      break;
    }
    left -= len;
  }
  if (!placed) {
    range.selectNodeContents(el);
    range.collapse(false);
  } else range.collapse(true);
  sel.removeAllRanges();
  sel.addRange(range);
}

// The DOM offset in a text node for a stored-text offset, stepping over zero-width spaces.
function domOffset(data: string, offset: number): number {
  let seen = 0;
  let i = 0;
  while (i < data.length && (seen < offset || data[i] === ZWSP)) {
    if (data[i] !== ZWSP) seen++;
    i++;
  }
  return i;
}

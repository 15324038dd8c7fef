const TEXT_INPUT_TYPES = new Set(['text', 'search', 'password', 'number', 'tel', 'email', 'url', '']);

/** True when the element takes typed text (so keystrokes belong to it, not to the page). */
export function isTextEntry(element: Element | null): element is HTMLInputElement | HTMLTextAreaElement {
  if (element instanceof HTMLTextAreaElement) return true;
  if (element instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(element.type);
  return element instanceof HTMLElement && element.isContentEditable;
}

/** True when Enter on this element already does something of its own (a button, link or list). */
export function ownsEnter(element: Element | null): boolean {
  return element instanceof HTMLButtonElement || element instanceof HTMLAnchorElement || element instanceof HTMLSelectElement;
}

/** The paste box is the one text field where a scanner burst still counts as a scan. */
export const PASTE_BOX_ATTR = 'data-paste-box';

/** True when the element is the scan screen's paste box. */
export function isPasteBox(element: Element | null): boolean {
  return element instanceof HTMLElement && element.hasAttribute(PASTE_BOX_ATTR);
}

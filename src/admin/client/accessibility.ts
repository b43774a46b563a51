/**
 * Repairs to Decap CMS 3.16's markup that axe-core finds (tests/browser/admin.test.ts): the
 * editor and the preview frame have no accessible name, the insert menu nests a button in a
 * button, and the publish button's white on teal is below 4.5:1. Decap renders these itself, so
 * they are mended as they appear.
 */

/** #0e6a78 under white text: 6.1:1 (Decap's #17a2b8: 3.0:1). */
const STYLE = `[class*="PublishButton"] { background-color: #0e6a78 !important; color: #fff !important; }`;

function mend(root: ParentNode): void {
  for (const editor of root.querySelectorAll<HTMLElement>('[role="textbox"][contenteditable]:not([aria-label])')) {
    const label = editor.closest('[class*="ControlContainer"]')?.querySelector('label')?.textContent?.trim();
    editor.setAttribute('aria-label', label || '正文');
  }
  for (const frame of root.querySelectorAll<HTMLIFrameElement>('iframe#preview-pane:not([title])')) frame.title = '预览';
  // The menu's opener wraps the toolbar's own button: the inner button alone is the control, with the menu's state.
  for (const wrapper of root.querySelectorAll<HTMLElement>('span[aria-haspopup]')) {
    const button = wrapper.querySelector('button');
    if (!button) continue;
    for (const name of ['aria-haspopup', 'aria-expanded']) {
      const value = wrapper.getAttribute(name);
      if (value !== null) button.setAttribute(name, value);
      wrapper.removeAttribute(name);
    }
    wrapper.setAttribute('role', 'none');
    wrapper.removeAttribute('tabindex');
  }
}

export function mendAccessibility(): void {
  const style = document.createElement('style');
  style.textContent = STYLE;
  document.head.append(style);
  mend(document);
  // aria-expanded: the menu sets it on its opener as it opens and closes.
  new MutationObserver(() => mend(document)).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-expanded'] });
}

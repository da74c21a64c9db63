import 'emoji-picker-element';

// The composer loads this module, the emoji picker (`emoji-picker-element`), when the emoji
// button is first pressed: the picker and its database never weigh on the first paint. (Its theme
// is in the composer's styles: one element takes the styles of one first-use module only.)

/**
 * A picker with its data from `dataUrl`. A chosen emoji goes where the cursor is in `field` (over
 * the selection), the focus goes back to the field, and `inserted` gets the field's new text.
 */
export function emojiPicker(dataUrl: string, field: HTMLTextAreaElement, inserted: (text: string) => void) {
  const picker = document.createElement('emoji-picker');
  adoptInlineStyles(picker);
  picker.dataSource = dataUrl;
  picker.addEventListener('emoji-click', ({ detail: { unicode } }) => {
    if (!unicode) return;
    field.setRangeText(unicode, field.selectionStart, field.selectionEnd, 'end');
    field.focus();
    inserted(field.value);
  });
  return picker;
}

/**
 * The picker puts its styles in <style> elements, which a strict CSP (no unsafe-inline) refuses.
 * Before it is connected, the same rules move into constructed stylesheets, which CSP allows.
 */
function adoptInlineStyles(element: HTMLElement): void {
  const root = element.shadowRoot!;
  for (const style of root.querySelectorAll('style')) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(style.textContent!);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    style.remove();
  }
}

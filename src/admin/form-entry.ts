/**
 * A form entry as the file `npm run new` writes: the browser script's item format and the local
 * backend's new items both write it so.
 */
import { DRAFT_KEYS, itemText } from '../content/browser.ts';
import { FORM_KEYS } from './form-keys.ts';

const text = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));
const isEmpty = (value: unknown) => value === undefined || value === null || value === '';
const NOT_REST: readonly string[] = [...DRAFT_KEYS, 'body', ...FORM_KEYS];

/** `data`'s fields and `body` as an item file: the form's own fields left out, the editing office's own unit not written. */
export function entryText(data: Readonly<Record<string, unknown>>, body: string, office: string): string {
  const rest = Object.fromEntries(Object.entries(data).filter(([key, value]) => !NOT_REST.includes(key) && !isEmpty(value)));
  const unit = text(data.unit);
  return itemText({ title: text(data.title), date: text(data.date), unit: unit === '' || unit === office ? undefined : unit, category: text(data.category), body }, rest);
}

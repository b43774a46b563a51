/**
 * The mark the importer writes where only a person can decide, such as an item's category.
 * It is valid YAML, stands out in any editor, and `check` names it with the fix, so a file
 * carrying it can never be published by mistake.
 */
export const FILL_IN_MARK = '【待填写】';

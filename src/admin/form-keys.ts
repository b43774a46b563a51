/** Names the form's configuration and its browser script share. */

/**
 * The form's own fields, never written into a file: the issue a new item goes into, and where
 * the script puts its folder and file name for Decap's `path` template.
 */
export const FORM_KEYS = ['issue', 'issue_year', 'issue_no', 'name'] as const;

/** The collection's name: Decap's URLs and the preview template use it. */
export const COLLECTION = 'items';

/** The folder Decap names the content by (`content/2021/03/…`); the local backend maps it to the content folder it serves. */
export const FORM_FOLDER = 'content';

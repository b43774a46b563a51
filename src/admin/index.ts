/** The clerks' web form (Decap CMS at /admin/): its configuration from the content, its page and files. */
export { cmsConfig, type FormBackend, type FormChoices, type FormIssue } from './config.ts';
export { bundleFormScript, decapFiles, writeAdminFolder } from './assets.ts';
export { adminPage, DECAP_SCRIPT, FORM_SCRIPT } from './page.ts';
export { publishedAdminPage } from './published.ts';
export { COLLECTION, FORM_FOLDER, FORM_KEYS } from './form-keys.ts';
export { entryText } from './form-entry.ts';
export { SETUP_ID, type FormSetup, type IssuePlace } from './client/setup.ts';

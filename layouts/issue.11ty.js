// One page per issue of the site: _includes/page-template.js.
import { pageTemplate } from './_includes/page-template.js';

export const { data, render } = pageTemplate('issue');

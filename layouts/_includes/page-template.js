/**
 * The three large paginated templates (items, issues, listings) as JavaScript templates. Eleventy
 * compiles a paginated Nunjucks template's text anew for every page (its Nunjucks engine keeps no
 * compile cache: 0.4 s of a 4,000-item build); these render the page's Nunjucks
 * file under pages/ by name through Eleventy's own environment (global data `renderPage`, from
 * src/eleventy/plugin.ts), which compiles it once.
 */

const LISTS = { item: 'items', issue: 'issues', listing: 'listings' };

/**
 * The `data` and `render` exports of a template paging through `bulletin.render`.
 * @param {'item' | 'issue' | 'listing'} kind the page's alias, and its file pages/KIND.njk
 */
export function pageTemplate(kind) {
  return {
    data: {
      // bulletin.render: every page, or only those changed since the build whose output is reused.
      pagination: { data: `bulletin.render.${LISTS[kind]}`, size: 1, alias: kind },
      permalink: (data) => data[kind].url,
    },
    render: (data) => data.renderPage(`pages/${kind}.njk`, data),
  };
}

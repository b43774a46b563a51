/**
 * Where the site is published. `SITE_URL` (CI takes it from the GitHub Pages configuration)
 * wins over `url` in site.yaml; its path becomes Eleventy's path prefix, so templates keep
 * writing root-relative URLs and one tokenizer pass (src/eleventy/path-prefix.ts) adds the
 * prefix to every page.
 */
import type { SiteAddress } from '../site/index.ts';

export type { SiteAddress };

export type SiteAddressResult = ({ ok: true } & SiteAddress) | { ok: false; message: string };

/**
 * `siteUrl` is SITE_URL when it is set and not empty; `configUrl` is site.yaml's `url`.
 * A value that cannot be a site's address is refused with a message saying where it came from.
 */
export function resolveSiteAddress(siteUrl: string | undefined, configUrl: string): SiteAddressResult {
  const fromEnv = siteUrl !== undefined && siteUrl.trim() !== '';
  const value = fromEnv ? siteUrl.trim() : configUrl;
  const source = fromEnv ? '环境变量 SITE_URL' : 'content/_data/site.yaml 中的 url';
  const refuse = (why: string): SiteAddressResult => ({
    ok: false,
    message: `${source}（${value}）${why}：请写成完整网址，如 https://example.gov.cn/bulletin/`,
  });

  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return refuse('不是完整网址');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return refuse('须以 https:// 或 http:// 开头');
  if (parsed.username || parsed.password) return refuse('不能含用户名或密码');
  if (parsed.search || parsed.hash || value.endsWith('?') || value.endsWith('#')) return refuse('不能含“?”或“#”');
  const pathPrefix = parsed.pathname.endsWith('/') ? parsed.pathname : `${parsed.pathname}/`;
  return { ok: true, url: `${parsed.origin}${pathPrefix}`, pathPrefix };
}

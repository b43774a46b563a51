/**
 * Where the site is published: SITE_URL wins over site.yaml's url, and its path is the path
 * prefix. GitHub Pages gives `https://owner.github.io/repo`, without the final slash.
 */
import { describe, expect, it } from 'vitest';
import { resolveSiteAddress } from '../../src/pipeline/site-address.ts';

const CONFIG = 'https://bulletin.example.gov.cn/';

describe('resolveSiteAddress', () => {
  it('uses site.yaml’s url when SITE_URL is unset or empty', () => {
    for (const env of [undefined, '', '  ']) {
      expect(resolveSiteAddress(env, CONFIG)).toEqual({ ok: true, url: 'https://bulletin.example.gov.cn/', pathPrefix: '/' });
    }
  });

  it('takes the path prefix from SITE_URL, with or without the final slash', () => {
    expect(resolveSiteAddress('https://example.gov.cn/bulletin/', CONFIG)).toEqual({
      ok: true,
      url: 'https://example.gov.cn/bulletin/',
      pathPrefix: '/bulletin/',
    });
    // What actions/configure-pages gives as base_url for a project site.
    expect(resolveSiteAddress('https://octocat.github.io/my-repo', CONFIG)).toEqual({
      ok: true,
      url: 'https://octocat.github.io/my-repo/',
      pathPrefix: '/my-repo/',
    });
    expect(resolveSiteAddress(' https://www.example.com ', CONFIG)).toEqual({ ok: true, url: 'https://www.example.com/', pathPrefix: '/' });
    expect(resolveSiteAddress('http://10.0.0.8:8080/a/b', CONFIG)).toEqual({ ok: true, url: 'http://10.0.0.8:8080/a/b/', pathPrefix: '/a/b/' });
  });

  it('takes the path prefix from site.yaml’s url too', () => {
    expect(resolveSiteAddress(undefined, 'https://example.gov.cn/gzdt/')).toEqual({ ok: true, url: 'https://example.gov.cn/gzdt/', pathPrefix: '/gzdt/' });
  });

  it.each([
    ['bulletin.example.gov.cn/x/', '不是完整网址'],
    ['/bulletin/', '不是完整网址'],
    ['ftp://example.gov.cn/', '须以 https:// 或 http:// 开头'],
    ['https://user:secret@example.gov.cn/', '不能含用户名或密码'],
    ['https://example.gov.cn/bulletin/?a=1', '不能含“?”或“#”'],
    ['https://example.gov.cn/bulletin/#top', '不能含“?”或“#”'],
  ])('refuses SITE_URL=%s, saying why in Chinese and naming SITE_URL', (value, why) => {
    const result = resolveSiteAddress(value, CONFIG);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('环境变量 SITE_URL');
    expect(result.message).toContain(value);
    expect(result.message).toContain(why);
    expect(result.message).toContain('https://example.gov.cn/bulletin/');
  });

  it('names site.yaml when its url is the one refused', () => {
    const result = resolveSiteAddress(undefined, 'https://example.gov.cn/?x');
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('content/_data/site.yaml 中的 url') });
  });
});

import { describe, expect, it } from 'vitest';
import { adminPage } from '../../src/admin/page.ts';
import { SETUP_ID, type FormSetup } from '../../src/admin/client/setup.ts';

const SETUP: FormSetup = { config: { locale: 'zh_Hans' }, office: '示例区人民政府办公室', stylesheet: '/assets/style.css' };
const LOCAL = { kind: 'local', api: '/admin/api/v1' } as const;
const GITHUB = { kind: 'github', backend: 'github', repo: 'o/r', branch: 'main', baseUrl: 'https://auth.example.gov.cn/oauth' } as const;

const policyOf = (html: string) => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!;
const directive = (policy: string, name: string) => policy.split('; ').find((part) => part.startsWith(`${name} `));

describe('adminPage', () => {
  it('is Chinese and tells robots not to index it or follow its links', () => {
    const html = adminPage(SETUP, LOCAL, '工作动态');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain('<title>编写信息 · 工作动态</title>');
  });

  it('lets the local form talk to its own origin only', () => {
    const policy = policyOf(adminPage(SETUP, LOCAL, '工作动态'));
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self' blob: data:");
    expect(directive(policy, 'default-src')).toBe("default-src 'self'");
    expect(directive(policy, 'script-src')).toBe("script-src 'self' 'unsafe-eval'");
  });

  it('lets the published form reach GitHub’s API and the sign-in service, and nothing else', () => {
    const policy = policyOf(adminPage(SETUP, GITHUB, '工作动态'));
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self' blob: data: https://api.github.com https://auth.example.gov.cn");
  });

  it('escapes the site title and keeps the setup block from closing its script', () => {
    const html = adminPage({ ...SETUP, office: '</script><script>alert(1)</script>' }, LOCAL, '<b>&"</b>');
    expect(html).toContain('<title>编写信息 · &#60;b&#62;&#38;&#34;&#60;/b&#62;</title>');
    expect(html).not.toContain('</script><script>alert(1)');
    const block = new RegExp(`<script type="application/json" id="${SETUP_ID}">(.*?)</script>`).exec(html)![1]!;
    expect(JSON.parse(block).office).toBe('</script><script>alert(1)</script>');
  });

  it('loads our script before Decap’s, both from beside the page', () => {
    const html = adminPage(SETUP, LOCAL, '工作动态');
    expect(html.indexOf('<script src="admin.js">')).toBeGreaterThan(0);
    expect(html.indexOf('<script src="admin.js">')).toBeLessThan(html.indexOf('<script src="decap-cms.js">'));
  });
});

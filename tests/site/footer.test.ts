import { describe, expect, it } from 'vitest';
import { footerLines } from '../../src/site/footer.ts';

describe('footerLines', () => {
  it('shows only the editing office when site.yaml gives no footer', () => {
    expect(footerLines({ office: '示例区人民政府办公室', footer: {} })).toEqual([{ label: '编印单位', text: '示例区人民政府办公室' }]);
  });

  it('shows every identifier given, the ICP record linked to the MIIT search, the police record to its own page', () => {
    const footer = { host: '示例区人民政府', siteCode: '4101060001', icp: '豫ICP备12345678号-1', police: '豫公网安备 41010602000001号', contact: '0371-12345678' };
    expect(footerLines({ office: '示例区人民政府办公室', footer })).toEqual([
      { label: '主办单位', text: '示例区人民政府' },
      { label: '编印单位', text: '示例区人民政府办公室' },
      { label: '网站标识码', text: '4101060001' },
      { label: 'ICP备案号', text: '豫ICP备12345678号-1', href: 'https://beian.miit.gov.cn/' },
      { label: '公安机关备案号', text: '豫公网安备 41010602000001号', href: 'https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=41010602000001' },
      { label: '联系方式', text: '0371-12345678' },
    ]);
  });
});

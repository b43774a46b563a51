/**
 * The footer every page carries: the editing office, and what 政府网站发展指引 (国办发〔2017〕47号)
 * asks of a government site, from site.yaml's `footer`: 主办单位, 网站标识码, the ICP record
 * (linked to the MIIT's record search) and the police record (linked to its own record), contact.
 * A link here only sends the reader elsewhere when followed; no page loads anything from there.
 */
import type { SiteConfig } from '../content/index.ts';

export interface FooterLine {
  label: string;
  text: string;
  href?: string;
}

/** Where the MIIT's ICP record search and the public security record pages are. */
export const RECORD_SEARCH = {
  icp: 'https://beian.miit.gov.cn/',
  police: (code: string) => `https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=${code}`,
};

export function footerLines(config: Pick<SiteConfig, 'office' | 'footer'>): FooterLine[] {
  const { host, siteCode, icp, police, contact } = config.footer;
  const lines: FooterLine[] = [];
  if (host) lines.push({ label: '主办单位', text: host });
  lines.push({ label: '编印单位', text: config.office });
  if (siteCode) lines.push({ label: '网站标识码', text: siteCode });
  if (icp) lines.push({ label: 'ICP备案号', text: icp, href: RECORD_SEARCH.icp });
  if (police) {
    const code = police.replace(/\D/g, '');
    lines.push({ label: '公安机关备案号', text: police, ...(code ? { href: RECORD_SEARCH.police(code) } : {}) });
  }
  if (contact) lines.push({ label: '联系方式', text: contact });
  return lines;
}

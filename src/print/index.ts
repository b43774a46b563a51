/** Printing pages of a built site to PDF with Debian's chromium, and serving a built site on loopback. */
export { CHROMIUM, launchChromium } from './chromium.ts';
export { cjkFontFamilies, openPrinter, PrintError, printPdf, requireCjkFont, type Printer, type PrintRequest } from './pdf.ts';
export { fileInSite, serve, type StaticServer } from './serve.ts';

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import subsetFont from 'subset-font';
import type { Certificate } from './model';
import type { CertificateType } from './number';

/*
 * The certificate PDF: holder, title, level, issuer, dates, number and the QR code of its
 * verification link, in Noto Sans SC (OFL). HarfBuzz (subset-font) cuts the 10 MB font down to
 * the characters on the page before pdf-lib embeds it: pdf-lib's own subsetting drops CJK
 * glyphs of large fonts, and embedding the whole font would make every PDF 10 MB.
 */
export const FONT_FILE = 'NotoSansSC_400Regular.ttf';
const FONT_MODULE = `@expo-google-fonts/noto-sans-sc/400Regular/${FONT_FILE}`;

const TITLES: Record<CertificateType, string> = {
  ZC: '专业技术职称证书',
  ZY: '职业资格证书',
  JD: '专业技术等级证书',
  JX: '专业技术人员继续教育证书',
  PX: '培训合格证书',
};

/** In Lambda the font ships next to the bundle; elsewhere it is read from the npm package. */
export function fontPath(): string {
  const root = process.env.LAMBDA_TASK_ROOT;
  if (root && existsSync(join(root, FONT_FILE))) return join(root, FONT_FILE);
  return createRequire(import.meta.url).resolve(FONT_MODULE);
}

let fontBytes: Buffer | undefined;

interface Fonts {
  cjk: PDFFont;
  latin: PDFFont;
}

// fontkit's layout of this CJK font spreads runs of digits apart, so values that are plain
// ASCII (numbers, dates, masked IDs) are set in Helvetica instead.
const fontFor = (fonts: Fonts, text: string) => (/^[\x20-\x7e]*$/.test(text) ? fonts.latin : fonts.cjk);

function line(page: PDFPage, fonts: Fonts, label: string, value: string, y: number) {
  page.drawText(label, { x: 80, y, size: 13, font: fonts.cjk, color: rgb(0.35, 0.35, 0.35) });
  page.drawText(value, { x: 190, y, size: 14, font: fontFor(fonts, value), color: rgb(0.1, 0.1, 0.1) });
}

export async function renderCertificatePdf(cert: Certificate, verifyUrl: string): Promise<Uint8Array> {
  fontBytes ??= readFileSync(fontPath());
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(`${TITLES[cert.type]} ${cert.number}`);
  pdf.setCreator('Talent Services Platform');
  const TITLE_TEXT = Object.values(TITLES).join('');
  const pageText = `${TITLE_TEXT}${JSON.stringify(cert)}姓名证件号码称级别专业学时科目公需发证机关日期有效期至长期书编扫码在线核验真伪与状态（），0123456789-*X\u3000`;
  const font = await pdf.embedFont(await subsetFont(fontBytes, pageText, { targetFormat: 'truetype' }), { subset: false });
  const fonts: Fonts = { cjk: font, latin: await pdf.embedFont(StandardFonts.Helvetica) };
  const page = pdf.addPage([595.28, 841.89]); // A4 portrait
  const { width, height } = page.getSize();

  page.drawRectangle({ x: 30, y: 30, width: width - 60, height: height - 60, borderColor: rgb(0.6, 0.1, 0.1), borderWidth: 2 });
  const title = TITLES[cert.type];
  page.drawText(title, { x: (width - font.widthOfTextAtSize(title, 28)) / 2, y: height - 120, size: 28, font, color: rgb(0.6, 0.1, 0.1) });

  let y = height - 200;
  const rows: [string, string | undefined][] = [
    ['姓　　名', cert.holderName],
    ['证件号码', cert.idNumberMasked],
    ['名　　称', cert.title],
    ['级　　别', cert.level],
    ['专　　业', cert.specialty],
    ['学　　时', cert.hours ? `${cert.hours.total} 学时（专业科目 ${cert.hours.professional}，公需科目 ${cert.hours.public}）` : undefined],
    ['发证机关', cert.issuerName],
    ['发证日期', cert.issueDate],
    ['有效期至', cert.validUntil ?? '长期有效'],
    ['证书编号', cert.number],
  ];
  for (const [label, value] of rows) {
    if (!value) continue;
    line(page, fonts, label, value, y);
    y -= 34;
  }

  const qr = await pdf.embedPng(await QRCode.toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 300 }));
  const size = 140;
  page.drawImage(qr, { x: width - 80 - size, y: 90, width: size, height: size });
  const hint = '扫码在线核验证书真伪与状态';
  page.drawText(hint, { x: width - 80 - size + (size - font.widthOfTextAtSize(hint, 9)) / 2, y: 76, size: 9, font });
  return pdf.save();
}

import { messageText, type TemplateData } from './templates.js';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A relative `href` is resolved against PUBLIC_URL; the request's Host header never comes into it. */
export function absoluteLink(href: string, publicUrl: string): string {
  return /^https?:\/\//.test(href) ? href : `${publicUrl}${href.startsWith('/') ? '' : '/'}${href}`;
}

/** Subject, a plain well-formatted HTML part and its text twin; every piece of data is escaped. */
export function renderEmail(template: string, locale: string, data: TemplateData, publicUrl: string): RenderedEmail {
  const message = messageText(template, locale, data);
  const link = message.action ? absoluteLink(message.action.href, publicUrl) : undefined;
  const paragraphs: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length) paragraphs.push(`<ul style="margin:0 0 16px;padding-left:20px">${list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`);
    list = [];
  };
  for (const line of message.lines) {
    if (line.startsWith('- ')) list.push(line.slice(2));
    else {
      flush();
      paragraphs.push(`<p style="margin:0 0 16px">${escapeHtml(line)}</p>`);
    }
  }
  flush();
  const button = link
    ? `<p style="margin:24px 0"><a href="${escapeHtml(link)}" style="background:#2f6f3e;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(message.action!.label)}</a></p>`
    : '';
  const footer = locale === 'en' ? 'Nông sản — local farm and OCOP products' : 'Nông sản — nông sản và sản phẩm OCOP địa phương';
  const html = `<!doctype html>
<html lang="${locale === 'en' ? 'en' : 'vi'}"><head><meta charset="utf-8"><title>${escapeHtml(message.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f5f5f0;font-family:Arial,Helvetica,sans-serif;color:#1f2a1f;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(message.subject)}</h1>
${paragraphs.join('\n')}
${button}
<p style="margin:24px 0 0;font-size:12px;color:#5b665b">${escapeHtml(footer)}</p>
</div></body></html>`;
  const text = [
    message.subject,
    '',
    ...message.lines.flatMap((line) => (line.startsWith('- ') ? [line] : [line, ''])),
    ...(link ? [`${message.action!.label}: ${link}`, ''] : []),
    '--',
    footer,
    '',
  ].join('\n');
  return { subject: message.subject, html, text };
}

import { render } from '@react-email/render';
import { createElement } from 'react';
import { EmailLayout, type Branding, type EmailContent } from './layout';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export async function renderEmail(content: EmailContent, branding: Branding): Promise<RenderedEmail> {
  const element = createElement(EmailLayout, { content, branding });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: content.subject, html, text };
}

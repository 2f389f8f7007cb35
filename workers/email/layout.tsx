import type { AccentPalette } from '../../core/accent-color';
import { Body, Button, Container, Head, Heading, Hr, Html, Preview, Section, Text } from '@react-email/components';

export interface EmailContent {
  subject: string;
  heading: string;
  paragraphs: string[];
  /** Label/value lines: when, where, position on the waitlist. */
  details?: Array<[string, string]>;
  action?: { label: string; url: string };
  /** Said under the action, e.g. when a link expires. */
  note?: string;
}

export interface Branding {
  orgName: string;
  /** The organization's accent (as on its public pages): the rule, its name, and the button with readable text. */
  palette: AccentPalette;
}

const text = { fontSize: '15px', lineHeight: '22px', color: '#1f2328', margin: '0 0 12px' };

/** The one layout every email shares: the organization's name and colour, content, a plain footer. */
export function EmailLayout({ content, branding }: { content: EmailContent; branding: Branding }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{content.paragraphs[0] ?? content.heading}</Preview>
      <Body
        style={{ backgroundColor: '#f6f7f9', fontFamily: 'Helvetica, Arial, sans-serif', margin: 0, padding: '24px 0' }}
      >
        <Container
          style={{
            backgroundColor: '#ffffff',
            borderTop: `4px solid ${branding.palette.accent}`,
            padding: '24px 32px',
            maxWidth: '560px',
          }}
        >
          <Text
            style={{
              ...text,
              fontSize: '13px',
              fontWeight: 700,
              letterSpacing: '0.04em',
              color: branding.palette.accentText,
              textTransform: 'uppercase',
            }}
          >
            {branding.orgName}
          </Text>
          <Heading as="h1" style={{ fontSize: '22px', lineHeight: '28px', margin: '0 0 16px', color: '#1f2328' }}>
            {content.heading}
          </Heading>
          {content.paragraphs.map((paragraph, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an email's paragraphs are rendered once, never reordered
            <Text key={index} style={text}>
              {paragraph}
            </Text>
          ))}
          {content.details && content.details.length > 0 ? (
            <Section style={{ backgroundColor: '#f6f7f9', padding: '12px 16px', margin: '8px 0 16px' }}>
              {content.details.map(([label, value]) => (
                <Text key={label} style={{ ...text, margin: '0 0 4px' }}>
                  <strong>{label}:</strong> {value}
                </Text>
              ))}
            </Section>
          ) : null}
          {content.action ? (
            <Section style={{ margin: '8px 0 16px' }}>
              <Button
                href={content.action.url}
                style={{
                  backgroundColor: branding.palette.accent,
                  color: branding.palette.accentForeground,
                  padding: '12px 20px',
                  borderRadius: '4px',
                  fontWeight: 600,
                  fontSize: '15px',
                }}
              >
                {content.action.label}
              </Button>
              <Text style={{ ...text, fontSize: '13px', color: '#57606a', marginTop: '12px' }}>
                Or open this link: {content.action.url}
              </Text>
            </Section>
          ) : null}
          {content.note ? <Text style={{ ...text, fontSize: '13px', color: '#57606a' }}>{content.note}</Text> : null}
          <Hr style={{ borderColor: '#d0d7de', margin: '24px 0 12px' }} />
          <Text style={{ ...text, fontSize: '12px', color: '#57606a' }}>Sent by {branding.orgName}.</Text>
        </Container>
      </Body>
    </Html>
  );
}

import type { TemplateBody } from '../../../shared/schemas/mail';
import type { TemplateKind } from '../../../shared/template-kinds';

const NOTICE_LINE = `{% if max_qty > 0 %}This is notice {{ count }} of at most {{ max_qty }} until the balance is topped up.{% else %}This is notice {{ count }} since the last top-up.{% endif %}`;

const htmlPage = (heading: string, body: string) => `<!doctype html>
<html>
  <body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #1f2933; line-height: 1.5">
    <h2 style="font-size: 18px; margin: 0 0 12px">${heading}</h2>
${body}
    <p style="color: #616e7c; font-size: 12px">${NOTICE_LINE}</p>
  </body>
</html>
`;

const amountsTable = `    <table cellpadding="4" style="border-collapse: collapse">
      <tr><td>Balance</td><td style="text-align: right"><strong>{{ balance }}</strong></td></tr>
      <tr><td>Credit</td><td style="text-align: right">{{ credit }}</td></tr>
      <tr><td>Available</td><td style="text-align: right"><strong>{{ available_balance }}</strong></td></tr>
      <tr><td>Threshold</td><td style="text-align: right">{{ threshold }}</td></tr>
    </table>`;

const amountsText = `Balance:   {{ balance }}
Credit:    {{ credit }}
Available: {{ available_balance }}
Threshold: {{ threshold }}`;

/** The templates Lowbal ships; Settings → Templates starts from these and can reset to them. */
export const DEFAULT_TEMPLATES: Record<TemplateKind, TemplateBody> = {
  user: {
    subject: 'Low balance: {{ client }} has {{ available_balance }} available',
    textBody: `Hello,

The available balance of {{ client }} (reseller {{ reseller }}) is {{ available_balance }}, below the threshold of {{ threshold }} in the profile "{{ profile }}".

${amountsText}

${NOTICE_LINE}

Sent by Lowbal
`,
    htmlBody: htmlPage(
      'Low balance: {{ client }}',
      `    <p>The available balance of <strong>{{ client }}</strong> (reseller {{ reseller }}) is
      <strong>{{ available_balance }}</strong>, below the threshold of {{ threshold }} in the profile
      &ldquo;{{ profile }}&rdquo;.</p>
${amountsTable}`,
    ),
  },
  client: {
    subject: 'Your balance is low: {{ available_balance }} available',
    textBody: `Dear {{ client }},

Your available balance is {{ available_balance }}, below {{ threshold }}. Please top up your account to keep your service running.

${amountsText}

If you have already topped up, please disregard this message.

${NOTICE_LINE}

{{ reseller }}
`,
    htmlBody: htmlPage(
      'Your balance is low',
      `    <p>Dear {{ client }},</p>
    <p>Your available balance is <strong>{{ available_balance }}</strong>, below {{ threshold }}.
      Please top up your account to keep your service running.</p>
${amountsTable}
    <p>If you have already topped up, please disregard this message.</p>
    <p>{{ reseller }}</p>`,
    ),
  },
  advanced: {
    subject: 'Your balance is low and unused for {{ inactivity }}: {{ available_balance }} available',
    textBody: `Dear {{ client }},

Your available balance is {{ available_balance }}, below {{ threshold }}, and your account has had no charges for {{ inactivity }} or more. Please top up your account to keep your service available.

${amountsText}

If you have already topped up, please disregard this message.

${NOTICE_LINE}

{{ reseller }}
`,
    htmlBody: htmlPage(
      'Your balance is low',
      `    <p>Dear {{ client }},</p>
    <p>Your available balance is <strong>{{ available_balance }}</strong>, below {{ threshold }}, and your
      account has had no charges for {{ inactivity }} or more. Please top up your account to keep your
      service available.</p>
${amountsTable}
    <p>If you have already topped up, please disregard this message.</p>
    <p>{{ reseller }}</p>`,
    ),
  },
  recovery: {
    subject: 'Balance restored: {{ client }} has {{ available_balance }} available',
    textBody: `Dear {{ client }},

Thank you: your balance has been topped up and your available balance is now {{ available_balance }}. No further low-balance notices will be sent unless it runs low again.

Balance:   {{ balance }}
Credit:    {{ credit }}
Available: {{ available_balance }}

{{ reseller }}
`,
    htmlBody: `<!doctype html>
<html>
  <body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #1f2933; line-height: 1.5">
    <h2 style="font-size: 18px; margin: 0 0 12px">Balance restored</h2>
    <p>Dear {{ client }},</p>
    <p>Thank you: your balance has been topped up and your available balance is now
      <strong>{{ available_balance }}</strong>. No further low-balance notices will be sent unless it runs low
      again.</p>
    <table cellpadding="4" style="border-collapse: collapse">
      <tr><td>Balance</td><td style="text-align: right"><strong>{{ balance }}</strong></td></tr>
      <tr><td>Credit</td><td style="text-align: right">{{ credit }}</td></tr>
      <tr><td>Available</td><td style="text-align: right"><strong>{{ available_balance }}</strong></td></tr>
    </table>
    <p>{{ reseller }}</p>
  </body>
</html>
`,
  },
};

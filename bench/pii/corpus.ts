/**
 * Seeded benchmark corpora.
 * - generateLabeledCorpus: documents with labeled PII spans and look-alike
 *   negatives, from templates of many shapes (chat, e-mail, JSON, YAML, .env,
 *   code, SQL, CSV, Markdown and HTML tables, logs, forms, letters in ten
 *   languages). These templates are written independently of the shared dev
 *   sample, so the score on them says something about other text.
 * - generateThroughputCorpus: realistic prompts with sparse PII, for MB/s.
 */
import { createFaker, type Rng } from './faker';
import type { LabeledDoc, LabeledSpan } from './evaluate';
import * as v from './values';

export class DocBuilder {
  public text = '';
  public readonly spans: LabeledSpan[] = [];
  public readonly negatives: LabeledSpan[] = [];
  public readonly ignore: LabeledSpan[] = [];

  public t(s: string): this {
    this.text += s;
    return this;
  }

  public pii(type: string, value: string): this {
    this.spans.push({ start: this.text.length, end: this.text.length + value.length, type });
    this.text += value;
    return this;
  }

  public neg(type: string, value: string): this {
    this.negatives.push({ start: this.text.length, end: this.text.length + value.length, type });
    this.text += value;
    return this;
  }

  public ign(type: string, value: string): this {
    this.ignore.push({ start: this.text.length, end: this.text.length + value.length, type });
    this.text += value;
    return this;
  }
}

export interface Fakers {
  readonly en: Rng;
  readonly gb: Rng;
  readonly de: Rng;
  readonly fr: Rng;
  readonly es: Rng;
  readonly it: Rng;
  readonly nl: Rng;
  readonly pl: Rng;
  readonly br: Rng;
  readonly ru: Rng;
  readonly ja: Rng;
  readonly zh: Rng;
}

export function makeFakers(seed: number): Fakers {
  const mk = (locale: string, k: number): Rng => createFaker(locale, seed * 31 + k);
  return {
    en: mk('en', 1), gb: mk('en_GB', 2), de: mk('de', 3), fr: mk('fr', 4), es: mk('es', 5), it: mk('it', 6),
    nl: mk('nl', 7), pl: mk('pl', 8), br: mk('pt_BR', 9), ru: mk('ru', 10), ja: mk('ja', 11), zh: mk('zh_CN', 12),
  };
}

type Template = (b: DocBuilder, F: Fakers) => void;

function fullName(f: Rng, middle = false): string {
  const m = middle ? ` ${String.fromCharCode(65 + f.number.int({ min: 0, max: 25 }))}.` : '';
  return `${f.person.firstName()}${m} ${f.person.lastName()}`;
}

function emailFor(f: Rng, name?: string): string {
  const [first, last] = (name ?? fullName(f)).toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').split(' ').filter(Boolean);
  const domain = v.pick(f, [
    'gmail.com', 'outlook.com', 'yahoo.co.uk', 'proton.me', 'company.io', 'mail.example.org', 'uni-hamburg.de', 'correo.es', 'web.de', 'icloud.com',
  ]);
  const local = v.pick(f, [
    `${first}.${last ?? 'x'}`,
    `${first[0]}${last ?? 'x'}${f.number.int({ min: 1, max: 99 })}`,
    `${first}_${last ?? 'x'}`,
    `${first}+news@`.replace('@', ''),
    `${last ?? first}.${first[0]}`,
  ]);
  return `${local}@${domain}`;
}

function usAddress(f: Rng, withCity: boolean, multiline = false): string {
  const street = `${f.location.buildingNumber()} ${f.location.street()}${f.datatype.boolean() ? '' : ` ${f.location.secondaryAddress()}`}`;
  if (!withCity) return street;
  const city = `${f.location.city()}, ${f.location.state({ abbreviated: true })} ${f.location.zipCode()}`;
  return multiline ? `${street}\n${city}` : `${street}, ${city}`;
}

const INTROS = ['', 'Hey, ', 'Quick one: ', 'Please help. ', 'Hi there! ', 'Context for the assistant: '];
const OUTROS = ['', ' Thanks.', ' Keep it short.', '\n\nThank you!', ' Reply in English.'];

const TEMPLATES: readonly Template[] = [
  // Chat: booking change.
  (b, F) => {
    const f = F.en;
    const name = fullName(f);
    b.t(v.pick(f, INTROS)).t('Can you rewrite this message to the airline? "Passenger name: ').pii('PERSON', name).t('. Passport number ')
      .pii('US_PASSPORT', v.passport(f)).t(', date of birth ').pii('DATE_OF_BIRTH', v.formatDate(v.birthDate(f), v.pick(f, ['us', 'iso', 'long'] as const)))
      .t('. Booking ref ').ign('IGN_BOOKING', `${f.string.alpha({ length: 6, casing: 'upper' })}`).t(', flight on ')
      .neg('NEG_DATE', v.formatDate(v.someDate(f), 'us')).t('."').t(v.pick(f, OUTROS));
  },
  // E-mail thread with headers.
  (b, F) => {
    const f = F.en;
    const a = fullName(f);
    const c = fullName(f);
    b.t('Summarize this thread:\n\nFrom: ').pii('PERSON', a).t(' <').pii('EMAIL', emailFor(f, a)).t('>\nTo: ').pii('PERSON', c).t(' <')
      .pii('EMAIL', emailFor(f, c))
      .t('>\nSubject: Re: invoice ').neg('NEG_ORDER_NUMBER', v.orderNumber(f)).t('\nDate: ').neg('NEG_TIMESTAMP', v.timestamp(f))
      .t('\n\nHi ').pii('PERSON', c.split(' ')[0]).t(',\nplease wire the balance to ').pii('IBAN', v.iban(f)).t(' and call me at ')
      .pii('PHONE', v.phoneFor(f, 'US'))
      .t(' if anything is unclear.\n\nRegards,\n').pii('PERSON', a).t('\n');
  },
  // JSON API payload.
  (b, F) => {
    const f = F.en;
    const name = fullName(f);
    b.t('POST /v1/customers failed, here is the body:\n{"customer":{"id":"').neg('NEG_UUID', f.string.uuid()).t('","fullName":"').pii('PERSON', name)
      .t('","email":"').pii('EMAIL', emailFor(f, name)).t('","phone":"').pii('PHONE', v.phoneFor(f, v.pick(f, ['US', 'GB', 'DE', 'FR'])))
      .t('","ssn":"').pii('US_SSN', v.ssn(f, v.pick(f, ['dash', 'plain'] as const))).t('","birthDate":"')
      .pii('DATE_OF_BIRTH', v.formatDate(v.birthDate(f), 'iso'))
      .t('"},"client":{"ip":"').pii('IP_ADDRESS', v.ipv4(f)).t('","sdk":"').neg('NEG_VERSION', v.version(f)).t('"},"requestedAt":"')
      .neg('NEG_TIMESTAMP', v.timestamp(f)).t('"}');
  },
  // .env file with secrets.
  (b, F) => {
    const f = F.en;
    b.t('Why does my app not start? .env:\n\nNODE_ENV=production\nPORT=8080\nDATABASE_URL=postgresql://app_user:').pii('API_SECRET', v.password(f))
      .t('@db.internal:5432/main\nAWS_ACCESS_KEY_ID=')
      .pii('AWS_ACCESS_KEY', v.awsAccessKey(f)).t('\nAWS_SECRET_ACCESS_KEY=').pii('API_SECRET', v.awsSecretKey(f)).t('\nSTRIPE_SECRET_KEY=')
      .pii('API_SECRET', `sk_live_${v.fromAlphabet(f, 'abcdefghijkLMNOPQ0123456789', 24)}`)
      .t('\nBUILD_SHA=').neg('NEG_HASH', v.hexString(f, 40)).t('\nAPP_VERSION=').neg('NEG_VERSION', v.version(f)).t('\n');
  },
  // Python code with an API key and a JWT.
  (b, F) => {
    const f = F.en;
    b.t('Refactor this:\n```python\nimport requests\n\nAPI_KEY = "').pii('API_SECRET', v.vendorToken(f)).t('"\nheaders = {"Authorization": "Bearer ')
      .pii('API_SECRET', v.jwt(f))
      .t('"}\nresp = requests.get("https://api.example.com/v2/items/').neg('NEG_UUID', f.string.uuid()).t('", headers=headers, timeout=30)\n# checksum ')
      .neg('NEG_HASH', v.hexString(f, 64)).t('\n```');
  },
  // SQL insert.
  (b, F) => {
    const f = F.en;
    const n1 = fullName(f);
    b.t('Is this migration safe?\n\nINSERT INTO patients (id, name, dob, ssn, phone) VALUES\n  (')
      .neg('NEG_ORDER_NUMBER', String(f.number.int({ min: 1000, max: 99999 })))
      .t(", '").pii('PERSON', n1).t("', '").pii('DATE_OF_BIRTH', v.formatDate(v.birthDate(f), 'iso')).t("', '").pii('US_SSN', v.ssn(f)).t("', '")
      .pii('PHONE', v.phoneFor(f, 'US')).t("');\n");
  },
  // CSV with other columns.
  (b, F) => {
    const f = F.en;
    b.t('Find duplicates:\n\ncustomer_id,full_name,email,ip,card,amount\n');
    for (let i = 0; i < 3; i++) {
      const n = fullName(f, f.datatype.boolean());
      b.ign('IGN_ACCOUNT', `C${v.digits(f, 6)}`).t(',').pii('PERSON', n).t(',').pii('EMAIL', emailFor(f, n)).t(',').pii('IP_ADDRESS', v.ipv4(f)).t(',')
        .pii('CREDIT_CARD', v.creditCard(f))
        .t(`,${f.number.int({ min: 5, max: 900 })}.${v.digits(f, 2)}\n`);
    }
  },
  // Markdown table.
  (b, F) => {
    const f = F.en;
    b.t('Turn this into a JSON array:\n\n| Employee | Work email | Mobile | Start date |\n|---|---|---|---|\n');
    for (let i = 0; i < 3; i++) {
      const n = fullName(f);
      b.t('| ').pii('PERSON', n).t(' | ').pii('EMAIL', emailFor(f, n)).t(' | ').pii('PHONE', v.phoneFor(f, v.pick(f, ['US', 'GB', 'AU']))).t(' | ')
        .neg('NEG_DATE', v.formatDate(v.someDate(f), 'iso')).t(' |\n');
    }
  },
  // Nginx access log.
  (b, F) => {
    const f = F.en;
    b.t('Any attack patterns here?\n');
    for (let i = 0; i < 4; i++) {
      const ip = f.datatype.boolean() ? v.ipv4(f) : v.ipv6(f);
      b.pii('IP_ADDRESS', ip).t(' - - [')
        .t(`${f.number.int({ min: 10, max: 28 })}/Mar/2025:${v.digits(f, 2).replace(/^[3-9]/, '1')}:`
          + `${f.number.int({ min: 10, max: 59 })}:${f.number.int({ min: 10, max: 59 })} +0000`)
        .t(`] "GET /api/orders/${v.digits(f, 6)} HTTP/1.1" ${v.pick(f, ['200', '404', '500'])} ${v.digits(f, 4)} "-" "curl/`).neg('NEG_VERSION', v.version(f))
        .t('"\n');
    }
  },
  // App log with look-alikes only.
  (b, F) => {
    const f = F.en;
    b.t('Explain these log lines:\n').neg('NEG_TIMESTAMP', v.timestamp(f)).t(' INFO worker job=').neg('NEG_UUID', f.string.uuid()).t(' digest=')
      .neg('NEG_HASH', v.hexString(f, 32))
      .t(' mac=').neg('NEG_MAC', v.macAddress(f)).t('\n').neg('NEG_TIMESTAMP', v.timestamp(f)).t(' WARN billing order=')
      .neg('NEG_ORDER_NUMBER', v.orderNumber(f, f.datatype.boolean()))
      .t(' ref=').neg('NEG_SSN_INVALID', v.invalidSsn(f)).t(' build=').neg('NEG_VERSION', v.version(f)).t('\n');
  },
  // Medical intake form.
  (b, F) => {
    const f = F.en;
    const n = fullName(f, true);
    b.t('Extract the fields as JSON.\n\nPATIENT INTAKE\nPatient: ').pii('PERSON', n).t('\nD.O.B.: ')
      .pii('DATE_OF_BIRTH', v.formatDate(v.birthDate(f), v.pick(f, ['us', 'long', 'dayfirst'] as const)))
      .t('\nSSN: ').pii('US_SSN', v.ssn(f, v.pick(f, ['dash', 'space'] as const))).t('\nAddress: ').pii('STREET_ADDRESS', usAddress(f, true))
      .t('\nEmergency contact: ')
      .pii('PERSON', fullName(f)).t(', ').pii('PHONE', v.phoneFor(f, 'US')).t('\nVisit date: ').neg('NEG_DATE', v.formatDate(v.someDate(f), 'us')).t('\n');
  },
  // Shipping label / letter head (US, multiline).
  (b, F) => {
    const f = F.en;
    const n = fullName(f);
    b.t('Fix the formatting of this label:\n\n').pii('PERSON', n).t('\n').pii('STREET_ADDRESS', usAddress(f, true, true)).t('\nTracking: ')
      .neg('NEG_PRODUCT_CODE', v.productCode(f)).t('\n');
  },
  // Chat: relocation with street-only address.
  (b, F) => {
    const f = F.en;
    b.t(v.pick(f, INTROS)).t('I moved to ').pii('STREET_ADDRESS', usAddress(f, f.datatype.boolean())).t(' last week, can you update my profile? My number is ')
      .pii('PHONE', v.phoneFor(f, 'US')).t(' and my SSN is ').pii('US_SSN', v.ssn(f, 'plain')).t('.').t(v.pick(f, OUTROS));
  },
  // Card dispute with an order number and a valid card.
  (b, F) => {
    const f = F.en;
    b.t('Draft a dispute letter: I was charged twice for order ').neg('NEG_ORDER_NUMBER', v.orderNumber(f, f.datatype.boolean())).t(' on my card ')
      .pii('CREDIT_CARD', v.creditCard(f))
      .t(' (expires 0').t(String(f.number.int({ min: 1, max: 9 }))).t('/2').t(String(f.number.int({ min: 6, max: 9 }))).t('). The charge was on ')
      .neg('NEG_DATE', v.formatDate(v.someDate(f), 'long')).t('.');
  },
  // Look-alike heavy engineering question.
  (b, F) => {
    const f = F.en;
    b.t('Our inventory export has ').neg('NEG_PRODUCT_CODE', v.productCode(f)).t(', ').neg('NEG_PRODUCT_CODE', v.productCode(f)).t(' and test numbers like ')
      .neg('NEG_SSN_INVALID', v.invalidSsn(f)).t('. The firmware is ').neg('NEG_VERSION', v.version(f)).t(' and the object id ')
      .neg('NEG_UUID', f.string.uuid())
      .t('. Released ').neg('NEG_TIMESTAMP', v.timestamp(f)).t('. Why does validation fail?');
  },
  // Kubernetes secret + PEM.
  (b, F) => {
    const f = F.en;
    b.t('Review this manifest:\n\napiVersion: v1\nkind: Secret\nmetadata:\n  name: api-credentials\nstringData:\n  password: "')
      .pii('API_SECRET', v.password(f))
      .t('"\n  slack_token: ').pii('API_SECRET', `xoxb-${v.digits(f, 12)}-${v.digits(f, 12)}-${v.fromAlphabet(f, 'ABCDEFGHabcdefgh0123456789', 24)}`)
      .t('\n  tls.key: |\n').pii('API_SECRET', v.pemPrivateKey(f)).t('\n');
  },
  // curl with bearer token.
  (b, F) => {
    const f = F.en;
    b.t('This returns 401:\n\ncurl -s -H "Authorization: Bearer ').pii('API_SECRET', v.jwt(f)).t('" -H "X-Trace-Id: ').neg('NEG_HASH', v.hexString(f, 16))
      .t('" https://gateway.example.net/v1/accounts/').neg('NEG_UUID', f.string.uuid()).t('\n');
  },
  // Terraform.
  (b, F) => {
    const f = F.en;
    b.t('```hcl\nprovider "aws" {\n  region     = "eu-central-1"\n  access_key = "').pii('AWS_ACCESS_KEY', v.awsAccessKey(f)).t('"\n  secret_key = "')
      .pii('API_SECRET', v.awsSecretKey(f))
      .t('"\n}\n```\nWhy is terraform plan slow?');
  },
  // Mongo / Redis connection strings in code.
  (b, F) => {
    const f = F.en;
    const scheme = v.pick(f, ['mongodb+srv', 'mysql', 'redis', 'amqp']);
    b.t(`const client = connect("${scheme}://svc_reader:`).pii('API_SECRET', v.password(f)).t(`@`)
      .t(v.pick(f, ['cluster0.abcd.mongodb.net', 'db.internal', 'cache-01.prod', 'mq.example.com'])).t('/app");\n// why does this time out?');
  },
  // Network config with IPv6 and IPv4.
  (b, F) => {
    const f = F.en;
    b.t('Check this config:\ninterface ge-0/0/1\n  address ').pii('IP_ADDRESS', v.ipv4(f)).t('/24\n  ipv6 ').pii('IP_ADDRESS', v.ipv6(f))
      .t('/64\n  description "uplink, firmware ')
      .neg('NEG_VERSION', v.version(f)).t('"\n  hardware ').neg('NEG_MAC', v.macAddress(f)).t('\n');
  },
  // HR record in YAML.
  (b, F) => {
    const f = F.en;
    const n = fullName(f);
    b.t('employee:\n  display_name: ').pii('PERSON', n).t('\n  work_email: ').pii('EMAIL', emailFor(f, n)).t('\n  date_of_birth: ')
      .pii('DATE_OF_BIRTH', v.formatDate(v.birthDate(f), 'iso'))
      .t('\n  passport_number: ').pii('US_PASSPORT', v.passport(f)).t('\n  salary_account: ').pii('IBAN', v.iban(f, undefined, false)).t('\n  hired: ')
      .neg('NEG_DATE', v.formatDate(v.someDate(f), 'iso')).t('\nConvert to TOML.');
  },
  // HTML snippet.
  (b, F) => {
    const f = F.en;
    const n = fullName(f);
    b.t('Clean up this HTML:\n<div class="card"><h3>Contact</h3><p>Name: ').pii('PERSON', n).t('</p><p>Email: <a href="mailto:').pii('EMAIL', emailFor(f, n))
      .t('">email me</a></p><p>Tel: ')
      .pii('PHONE', v.phoneFor(f, v.pick(f, ['US', 'GB', 'FR']))).t('</p></div>');
  },
  // Model response with several entities.
  (b, F) => {
    const f = F.en;
    const n = fullName(f);
    b.t('Sure! I found the record. ').pii('PERSON', n).t(' (born ').pii('DATE_OF_BIRTH', v.formatDate(v.birthDate(f), 'long')).t(') lives at ')
      .pii('STREET_ADDRESS', usAddress(f, true))
      .t('. You can reach them at ').pii('EMAIL', emailFor(f, n)).t('. Let me know if you need anything else.');
  },
  // Clean prompts with capitalised words and numbers.
  (b, F) => {
    const f = F.en;
    b.t(v.pick(f, [
      'Compare Kubernetes and Nomad for a team of 12 engineers in Berlin and New York.',
      'Write a haiku about the Golden Gate Bridge at 6 am.',
      'What changed between Python 3.11 and 3.12? List 5 items.',
      'Plan a 4 day trip to Kyoto and Osaka in April for 2 adults, budget 3000 USD.',
      'Explain the difference between TCP port 443 and 8443 to a new hire.',
      'Summarize Moby Dick in 3 sentences. Who is Captain Ahab?',
      'Our Q3 revenue grew 14.5% to 2,450,000 EUR. Draft a LinkedIn post.',
      'Translate "Good Morning, Team" into German, French and Japanese.',
    ]));
  },
  // German letter.
  (b, F) => {
    const f = F.de;
    const n = `${f.person.firstName()} ${f.person.lastName()}`;
    b.t('Bitte formuliere höflicher: Sehr geehrte Frau ').pii('PERSON', f.person.lastName()).t(', mein Name ist ').pii('PERSON', n).t(', geboren am ')
      .pii('DATE_OF_BIRTH', v.formatDate(v.birthDate(f), v.pick(f, ['dot', 'de'] as const))).t('. Ich wohne in der ')
      .pii('STREET_ADDRESS', `${f.location.street()} ${f.location.buildingNumber()}, ${f.location.zipCode()} ${f.location.city()}`)
      .t(' und bin unter ').pii('PHONE', v.phoneFor(f, 'DE')).t(' erreichbar. IBAN: ').pii('IBAN', v.iban(f, 'DE')).t('.');
  },
  // French.
  (b, F) => {
    const f = F.fr;
    const n = `${f.person.firstName()} ${f.person.lastName()}`;
    b.t('Corrige ce message : Bonjour, je m\'appelle ').pii('PERSON', n).t(', né le ')
      .pii('DATE_OF_BIRTH', v.formatDate(v.birthDate(f), v.pick(f, ['eu', 'fr'] as const))).t('. J\'habite au ')
      .pii('STREET_ADDRESS', `${f.location.buildingNumber()} ${f.location.street()}, ${f.location.zipCode()} ${f.location.city()}`).t('. Mon portable : ')
      .pii('PHONE', v.phoneFor(f, 'FR')).t(', mon e-mail : ').pii('EMAIL', emailFor(f, n)).t('.');
  },
  // Spanish.
  (b, F) => {
    const f = F.es;
    const n = `${f.person.firstName()} ${f.person.lastName()}`;
    b.t('Traduce al inglés: Hola, me llamo ').pii('PERSON', n).t(' y mi fecha de nacimiento es ')
      .pii('DATE_OF_BIRTH', v.formatDate(v.birthDate(f), v.pick(f, ['eu', 'es'] as const)))
      .t('. Mi teléfono es ').pii('PHONE', v.phoneFor(f, 'ES')).t(' y mi cuenta ').pii('IBAN', v.iban(f, 'ES')).t('.');
  },
  // Italian.
  (b, F) => {
    const f = F.it;
    const n = `${f.person.firstName()} ${f.person.lastName()}`;
    b.t('Riassumi: Buongiorno, sono ').pii('PERSON', n).t(', abito in ')
      .pii('STREET_ADDRESS', `${f.location.street()} ${f.number.int({ min: 1, max: 200 })}, ${f.location.zipCode()} ${f.location.city()}`)
      .t('. Il mio numero è ').pii('PHONE', v.phoneFor(f, 'IT')).t(' e la mia email ').pii('EMAIL', emailFor(f, n)).t('.');
  },
  // Dutch.
  (b, F) => {
    const f = F.nl;
    const n = `${f.person.firstName()} ${f.person.lastName()}`;
    b.t('Vertaal: Beste klantenservice, mijn naam is ').pii('PERSON', n).t('. Mijn adres is ')
      .pii('STREET_ADDRESS', `${f.location.street()} ${f.number.int({ min: 1, max: 300 })}, ${f.location.zipCode()} ${f.location.city()}`)
      .t(' en mijn IBAN ').pii('IBAN', v.iban(f, 'NL')).t('. Bel me op ').pii('PHONE', v.phoneFor(f, 'NL')).t('.');
  },
  // Polish.
  (b, F) => {
    const f = F.pl;
    const n = `${f.person.firstName()} ${f.person.lastName()}`;
    b.t('Popraw: Nazywam się ').pii('PERSON', n).t(', mój adres to ')
      .pii('STREET_ADDRESS', `${f.location.street()} ${f.number.int({ min: 1, max: 150 })}, ${f.location.zipCode()} ${f.location.city()}`)
      .t(', telefon ').pii('PHONE', v.phoneFor(f, 'PL')).t(', konto ').pii('IBAN', v.iban(f, 'PL')).t('.');
  },
  // Brazilian Portuguese.
  (b, F) => {
    const f = F.br;
    const n = `${f.person.firstName()} ${f.person.lastName()}`;
    b.t('Revise: Olá, meu nome é ').pii('PERSON', n).t(' e nasci em ').pii('DATE_OF_BIRTH', v.formatDate(v.birthDate(f), 'eu')).t('. Meu celular é ')
      .pii('PHONE', v.phoneFor(f, 'BR'))
      .t(' e meu e-mail ').pii('EMAIL', emailFor(f, n)).t('.');
  },
  // Russian.
  (b, F) => {
    const f = F.ru;
    const n = `${f.person.firstName()} ${f.person.lastName()}`;
    b.t('Переведи: Меня зовут ').pii('PERSON', n).t(', дата рождения ').pii('DATE_OF_BIRTH', v.formatDate(v.birthDate(f), 'dot')).t(', телефон ')
      .pii('PHONE', v.phoneFor(f, 'RU'))
      .t(', адрес: ').pii('STREET_ADDRESS', `${f.location.zipCode()}, г. ${f.location.city()}, ${f.location.street()}, ${f.location.buildingNumber()}`).t('.');
  },
  // Japanese.
  (b, F) => {
    const f = F.ja;
    b.t('翻訳してください：').pii('PERSON', `${f.person.lastName()} ${f.person.firstName()}`).t('様、お電話番号 ').pii('PHONE', v.phoneFor(f, 'JP')).t('、メール ')
      .pii('EMAIL', emailFor(F.en)).t(' にご連絡ください。');
  },
  // Chinese.
  (b, F) => {
    const f = F.zh;
    b.t('请把这段话翻译成英文：我叫').pii('PERSON', `${f.person.lastName()}${f.person.firstName()}`).t('，手机').pii('PHONE', v.phoneFor(f, 'CN')).t('，邮箱')
      .pii('EMAIL', emailFor(F.en)).t('，谢谢。');
  },
  // UK letter.
  (b, F) => {
    const f = F.gb;
    const n = fullName(f);
    b.t('Make this more formal:\n\nDear Mr ').pii('PERSON', f.person.lastName()).t(',\nI am writing about my account. My address is ')
      .pii('STREET_ADDRESS', `${f.number.int({ min: 1, max: 200 })} ${f.location.street()}, ${f.location.city()} ${f.location.zipCode()}`)
      .t(' and my mobile is ').pii('PHONE', v.phoneFor(f, 'GB'))
      .t('.\n\nKind regards,\n').pii('PERSON', n);
  },
  // Names in free prose without cues (recall check on hard cases).
  (b, F) => {
    const f = F.en;
    b.t('Yesterday ').pii('PERSON', fullName(f)).t(' and ').pii('PERSON', fullName(f)).t(' presented the roadmap; ').t('write a short recap for the team.');
  },
  // Passport and SSN in context, legacy forms.
  (b, F) => {
    const f = F.en;
    b.t('For the visa form: my passport # is ').pii('US_PASSPORT', v.passport(f)).t(', social security no. ').pii('US_SSN', v.ssn(f, 'space'))
      .t(', and I was born on ')
      .pii('DATE_OF_BIRTH', v.formatDate(v.birthDate(f), v.pick(f, ['long', 'us'] as const))).t('. My travel date is ')
      .neg('NEG_DATE', v.formatDate(v.someDate(f), 'long')).t('.');
  },
  // IBAN compact and grouped in a payment request, other countries.
  (b, F) => {
    const f = F.en;
    b.t('Please split the payment: 60% to ').pii('IBAN', v.iban(f)).t(' and 40% to ').pii('IBAN', v.iban(f)).t('. Reference ')
      .neg('NEG_PRODUCT_CODE', v.productCode(f)).t('.');
  },
];

export function generateLabeledCorpus(count: number, seed = 20240611): LabeledDoc[] {
  const F = makeFakers(seed);
  const docs: LabeledDoc[] = [];
  for (let i = 0; i < count; i++) {
    const b = new DocBuilder();
    TEMPLATES[i % TEMPLATES.length](b, F);
    docs.push({
      id: `gen-${String(i).padStart(5, '0')}`, text: b.text, spans: b.spans, negatives: b.negatives, ignore: b.ignore, meta: { template: i % TEMPLATES.length },
    });
  }
  return docs;
}

/** Sentences of the kind people write to an assistant, with slots filled from faker. */
const PROSE: ReadonlyArray<(f: Rng) => string> = [
  (f) => `Can you explain how the ${f.hacker.noun()} works and why it matters for our ${f.hacker.adjective()} service?`,
  (f) => `I need a short summary of the meeting notes below, focused on decisions and open questions about the ${f.hacker.noun()}.`,
  (f) => `Please rewrite this paragraph so it sounds more friendly and less formal, but keep it under ${f.number.int({ min: 50, max: 300 })} words.`,
  (f) => `We are migrating the ${f.hacker.noun()} from version ${f.number.int({ min: 1, max: 9 })} to ${f.number.int({ min: 10, max: 20 })}`
    + ' and the tests started failing after the upgrade.',
  (f) => `What is the best way to handle retries when the ${f.hacker.noun()} times out after ${f.number.int({ min: 2, max: 60 })} seconds?`,
  (f) => `Write a unit test for the function below; it should cover the empty input, a single item and a list of ${f.number.int({ min: 3, max: 1000 })} items.`,
  (f) => `The customer says the ${f.hacker.adjective()} ${f.hacker.noun()} stopped working yesterday and they would like a refund or a replacement.`,
  () => `Translate the following text into German and keep the technical terms in English where there is no common translation.`,
  (f) => `Give me three options for the subject line of an email that announces the new ${f.hacker.noun()} to our users.`,
  (f) => `Our team spent about ${f.number.int({ min: 2, max: 40 })} hours on this last sprint, and I want to explain the delay to the stakeholders.`,
  (f) => `Here is the error message I get when I run the build: cannot find module ${f.hacker.noun()}, exit code ${f.number.int({ min: 1, max: 255 })}.`,
  () => `Compare the two approaches in a table with columns for cost, effort, risk and time to deliver.`,
  (f) => `Draft a polite reply that thanks them for the feedback and says we will look into the ${f.hacker.noun()} issue this week.`,
  (f) => `Is it safe to store the session data in the ${f.hacker.noun()}, or should we move it to a separate database?`,
  () => `Make the tone of this message warmer and add a sentence about the upcoming holidays.`,
  () => `List the steps to reproduce the bug, then suggest where in the code the problem probably is.`,
  (f) => `The report shows a ${f.number.int({ min: 2, max: 80 })}% drop in sign-ups since the last release; what could explain that?`,
  (f) => `Explain this SQL query line by line and point out anything that could be slow on a table with ${f.number.int({ min: 1, max: 90 })} million rows.`,
  (f) => `I am preparing a presentation for Monday and need five bullet points about our progress on the ${f.hacker.noun()}.`,
  (f) => `Summarize the article in plain language for someone who has never worked with a ${f.hacker.noun()} before.`,
];

/**
 * Prompts of 0.3-4 KB, mostly without PII: questions and instructions,
 * pasted product text, code and log lines, with a PII-bearing template in
 * about one prompt in ten.
 */
export function generateThroughputCorpus(targetChars: number, seed = 7): string[] {
  const F = makeFakers(seed);
  const f = F.en;
  const out: string[] = [];
  let total = 0;
  let k = 0;
  while (total < targetChars) {
    const parts: string[] = [];
    const size = f.number.int({ min: 300, max: 4000 });
    let len = 0;
    while (len < size) {
      const kind = f.number.int({ min: 0, max: 9 });
      let p: string;
      if (kind < 5) p = v.pick(f, PROSE)(f);
      else if (kind === 5) p = f.hacker.phrase();
      else if (kind === 6) p = f.commerce.productDescription();
      else if (kind === 7) p = `\`\`\`js\nconst ${f.hacker.noun().replace(/\W/g, '')} = await fetch('/api/`
        + `${f.hacker.noun().replace(/\W/g, '')}?page=${f.number.int(50)}');\n\`\`\``;
      else if (kind === 8) p = `${f.company.name()} reported ${f.number.int({ min: 2, max: 90 })}% growth in `
        + `${f.date.month()} ${f.number.int({ min: 2019, max: 2026 })}.`;
      else p = `[${v.timestamp(f)}] INFO request ${f.string.uuid()} took ${f.number.int({ min: 1, max: 900 })} ms`;
      parts.push(p);
      len += p.length + 1;
    }
    if (k % 10 === 0) {
      const b = new DocBuilder();
      TEMPLATES[k % TEMPLATES.length](b, F);
      parts.splice(f.number.int({ min: 0, max: parts.length }), 0, b.text);
    }
    const prompt = parts.join(' ');
    out.push(prompt);
    total += prompt.length;
    k++;
  }
  return out;
}

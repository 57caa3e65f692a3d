/**
 * Documents dense with PII, as support tools and exports hold them: tickets,
 * chat logs, CSV and Markdown tables, intake forms and CRM notes. Several
 * findings per 100 characters, where the throughput corpus has about one per
 * 4 KB: the detectors behind the skip loop are most of the time here.
 */
import { makeFakers, type Fakers } from './corpus';
import * as v from './values';
import type { Rng } from './values';

function person(f: Rng): string {
  return `${f.person.firstName()} ${f.person.lastName()}`;
}

function mailOf(f: Rng, name: string): string {
  const [first, last] = name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').split(' ').filter(Boolean);
  const domain = v.pick(f, ['gmail.com', 'outlook.com', 'acme-corp.com', 'proton.me', 'web.de', 'yahoo.co.uk']);
  return `${first ?? 'user'}.${last ?? 'x'}@${domain}`;
}

function usPhone(f: Rng): string {
  return v.phoneFor(f, 'US');
}

function address(f: Rng): string {
  return `${f.location.buildingNumber()} ${f.location.street()}, ${f.location.city()}, ${f.location.state({ abbreviated: true })} ${f.location.zipCode()}`;
}

function time(f: Rng): string {
  return `${String(f.number.int({ min: 8, max: 18 })).padStart(2, '0')}:${String(f.number.int({ min: 0, max: 59 })).padStart(2, '0')}`;
}

type Dense = (f: Rng, F: Fakers) => string;

const DENSE: readonly Dense[] = [
  // Support ticket.
  (f) => {
    const n = person(f);
    return (
      `Ticket #${v.digits(f, 6)} - ${v.pick(f, ['Refund request', 'Account locked', 'Card declined', 'Address change'])}\n` +
      `Customer: ${n} <${mailOf(f, n)}>\nPhone: ${usPhone(f)}\nDOB: ${v.formatDate(v.birthDate(f), 'us')}\n` +
      `Card: ${v.creditCard(f)}, SSN ${v.ssn(f)}\nIP: ${v.ipv4(f)}\n` +
      `Notes: customer called from ${usPhone(f)} and asked to send the refund to ${v.iban(f)}. Ship to ${address(f)}.\n`
    );
  },
  // Chat log between an agent and a customer.
  (f) => {
    const c = person(f);
    const a = f.person.firstName();
    const lines = [
      `[${time(f)}] Agent ${a}: Hi, can I have your full name and e-mail?`,
      `[${time(f)}] ${c}: ${c}, ${mailOf(f, c)}`,
      `[${time(f)}] Agent ${a}: Thanks. The phone number on the account?`,
      `[${time(f)}] ${c}: ${usPhone(f)} or ${usPhone(f)}`,
      `[${time(f)}] Agent ${a}: And the card you paid with?`,
      `[${time(f)}] ${c}: ${v.creditCard(f)}, I was born on ${v.formatDate(v.birthDate(f), 'long')}`,
      `[${time(f)}] ${c}: my new address is ${address(f)}`,
    ];
    return `${lines.join('\n')}\n`;
  },
  // CSV export.
  (f) => {
    let s = 'name,email,phone,ssn,ip,iban\n';
    for (let i = 0; i < 6; i++) {
      const n = person(f);
      s += `${n},${mailOf(f, n)},${usPhone(f)},${v.ssn(f)},${v.ipv4(f)},${v.iban(f, undefined, false)}\n`;
    }
    return s;
  },
  // Markdown table.
  (f) => {
    let s = '| Name | Email | Mobile | Card | Born |\n|---|---|---|---|---|\n';
    for (let i = 0; i < 5; i++) {
      const n = person(f);
      s += `| ${n} | ${mailOf(f, n)} | ${usPhone(f)} | ${v.creditCard(f)} | ${v.formatDate(v.birthDate(f), 'iso')} |\n`;
    }
    return s;
  },
  // Intake form.
  (f) => {
    const n = person(f);
    return (
      `Full name: ${n}\nEmail: ${mailOf(f, n)}\nPhone: ${usPhone(f)}\nDate of birth: ${v.formatDate(v.birthDate(f), 'iso')}\n` +
      `SSN: ${v.ssn(f)}\nPassport number: ${v.passport(f)}\nAddress: ${address(f)}\nEmergency contact: ${person(f)}, ${usPhone(f)}\n`
    );
  },
  // CRM note with a server log line and credentials pasted in.
  (f) => {
    const n = person(f);
    return (
      `Spoke to ${n} (${mailOf(f, n)}, ${usPhone(f)}) about the outage; their server ${v.ipv4(f)} kept failing. ` +
      `They pasted AWS_ACCESS_KEY_ID=${v.awsAccessKey(f)} and password=${v.password(f)} into the chat. ` +
      `Follow up with ${person(f)} at ${mailOf(f, person(f))}.\n`
    );
  },
  // German support e-mail (non-ASCII path).
  (_f, F) => {
    const f = F.de;
    const n = person(f);
    return (
      `Sehr geehrte Frau ${f.person.lastName()}, mein Name ist ${n}, geboren am ${v.formatDate(v.birthDate(f), 'dot')}. ` +
      `Telefon: ${v.phoneFor(f, 'DE')}, E-Mail: ${mailOf(f, n)}, IBAN: ${v.iban(f, 'DE')}.\n`
    );
  },
];

/** Dense documents of 150-800 characters, `targetChars` in all, seeded. */
export function generateDenseCorpus(targetChars: number, seed = 20250301): string[] {
  const F = makeFakers(seed);
  const f = F.en;
  const out: string[] = [];
  let total = 0;
  for (let k = 0; total < targetChars; k++) {
    const doc = DENSE[k % DENSE.length](f, F);
    out.push(doc);
    total += doc.length;
  }
  return out;
}

/** One prompt of about `size` characters: a support export pasted whole. */
export function densePrompt(size: number, seed = 20250302): string {
  return generateDenseCorpus(size, seed).join('\n').slice(0, size);
}

/**
 * Realistic prompt bodies for the validator benchmark: an instruction
 * followed by pasted material (an article, an e-mail thread, code), built
 * deterministically to a target size so every run measures the same bytes.
 */
import { seededRandom as random } from '../../test/helpers/seeded-random';

const PARAGRAPHS: readonly string[] = [
  'The city council met on Tuesday evening to discuss the proposed redevelopment of the old railway yard. '
    + 'Residents raised concerns about traffic, noise during construction and the loss of green space, '
    + 'while local businesses welcomed the prospect of new customers.',
  'According to the planning department, the project would add 420 homes, a primary school and a small park along the canal. '
    + 'The developer has agreed to fund a new bus route for the first five years, but critics say the commitment is too short.',
  'Hi Maria, thanks for sending the quarterly figures. Revenue is up eight percent on last year, mostly from subscriptions, '
    + 'while hardware sales fell slightly. Could you add a breakdown by region before Thursday? Best, Tom',
  'function parseInvoice(text) {\n  const lines = text.split("\\n");\n'
    + '  const total = lines.find((l) => l.startsWith("Total:"));\n  return total ? Number(total.slice(6).trim()) : null;\n}',
  'Soil microbes play a larger role in drought resilience than earlier studies assumed. In a three-year field trial, '
    + 'plots inoculated with a mix of native bacteria kept their yield within ten percent of irrigated controls during a dry summer.',
  'Customer: my order arrived with a cracked screen. Agent: I am sorry to hear that; I have arranged a replacement and a prepaid return label. '
    + 'Customer: thank you, that was quick.',
  'The committee agreed to postpone the vote until an independent study of the traffic impact is available, which is expected in the spring. '
    + 'Several members asked for the study to include cycling and walking routes as well as car traffic.',
  'Key points from the workshop: define ownership for each service, write runbooks for the top five incidents, '
    + 'and review alert thresholds every quarter so that on-call engineers are not woken up by noise.',
];

const INSTRUCTIONS: readonly string[] = [
  'Summarize the following material in five bullet points for a busy executive, then list any open questions.',
  'Translate the following into plain English for a general audience and keep the names unchanged.',
  'Review the material below and point out anything that is unclear or inconsistent.',
];

/** A prompt of exactly `chars` characters: one instruction and paragraphs in a seeded order. */
export function realisticPrompt(chars: number, seed = 1): string {
  const next = random(seed);
  let text = `${INSTRUCTIONS[Math.floor(next() * INSTRUCTIONS.length)]}\n\n`;
  while (text.length < chars) text += `${PARAGRAPHS[Math.floor(next() * PARAGRAPHS.length)]}\n\n`;
  return text.slice(0, chars);
}

/** The JSON body for a prompt, with typical parameters. */
export function promptBody(prompt: string): string {
  return JSON.stringify({ prompt, parameters: { maxTokens: 512, temperature: 0.2, stopSequences: ['\n\nUser:'] } });
}

/** A body of about `bytes` bytes carrying a realistic prompt. */
export function bodyOfSize(bytes: number, seed = 1): string {
  const overhead = promptBody('').length;
  return promptBody(realisticPrompt(bytes - overhead, seed));
}

/**
 * The README's warning table is the list users acknowledge from: it must name
 * every GatewayWarning, with the enum member beside the id, and nothing else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayWarning } from '../../lib';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

function warningTableRows(): Array<{ id: string; member: string }> {
  const section = readme.split(/^## Warnings$/m)[1]?.split(/^## /m)[0] ?? '';
  return [...section.matchAll(/^\| `(secure-ai-gateway:[A-Za-z]+)` \| `([A-Z_]+)` \|/gm)].map((m) => ({ id: m[1], member: m[2] }));
}

test('the README has a Warnings section with a table row per warning', () => {
  expect(warningTableRows().length).toBeGreaterThan(0);
});

test('the README warning table lists every GatewayWarning, each once, and no other id', () => {
  const rows = warningTableRows();
  expect(rows.map((r) => r.id).sort()).toEqual(Object.values(GatewayWarning).sort());
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
});

test('each row names the enum member of its id', () => {
  for (const { id, member } of warningTableRows()) {
    expect(GatewayWarning[member as keyof typeof GatewayWarning]).toBe(id);
  }
});

test('every GatewayWarning has a doc comment saying when it fires', () => {
  const source = readFileSync(join(__dirname, '..', '..', 'lib', 'gateway-warning.ts'), 'utf8');
  for (const member of Object.keys(GatewayWarning)) {
    expect(source).toMatch(new RegExp(`\\*/\\n  ${member} = `));
  }
});

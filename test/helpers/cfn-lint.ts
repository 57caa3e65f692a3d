/**
 * cfn-lint (CloudFormation's resource schemas and best-practice rules) over
 * synthesized templates, in one process: it takes seconds to start.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CfnLintMatch {
  readonly template: string;
  readonly level: 'Error' | 'Warning' | 'Informational';
  readonly rule: string;
  readonly message: string;
  readonly path: string;
}

/** Lints each template (name → template JSON); throws when cfn-lint cannot run at all. */
export function cfnLint(templates: Record<string, unknown>): CfnLintMatch[] {
  const dir = mkdtempSync(join(tmpdir(), 'cfn-lint-'));
  try {
    const files = Object.entries(templates).map(([name, template]) => {
      const file = join(dir, `${name}.template.json`);
      writeFileSync(file, JSON.stringify(template));
      return file;
    });
    const result = spawnSync('cfn-lint', ['--format', 'json', '-t', ...files], { encoding: 'utf8' });
    // Exit codes are a bit mask of the levels found (2 error, 4 warning, 8 informational); 1 means it failed.
    if (result.error || result.status === null || (result.status & 1) === 1) {
      throw new Error(`cfn-lint did not run: ${result.error?.message ?? result.stderr}`);
    }
    const matches = JSON.parse(result.stdout || '[]') as Array<{
      Filename: string; Level: CfnLintMatch['level']; Rule: { Id: string }; Message: string; Location: { Path: Array<string | number> };
    }>;
    return matches.map((m) => ({
      template: m.Filename.slice(dir.length + 1).replace(/\.template\.json$/, ''),
      level: m.Level,
      rule: m.Rule.Id,
      message: m.Message,
      path: m.Location.Path.join('/'),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

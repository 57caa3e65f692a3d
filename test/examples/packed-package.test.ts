/**
 * The package as a user gets it: `npm pack`, the tarball unpacked into the
 * node_modules of a scratch app outside this repository (beside aws-cdk-lib and
 * constructs only), README.md's examples compiled against the packed type
 * declarations and each run in a fresh `node` process that synthesizes it.
 * Nothing of ours but the tarball is reachable there: no esbuild, no
 * TypeScript sources, no lambda/ folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import { readmeSnippets, runnableSnippet } from '../helpers/readme-snippets';

const root = join(__dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'sag-consumer-'));
const modules = join(scratch, 'node_modules');

interface PackInfo { filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }

let pack: PackInfo;
const snippets = readmeSnippets();

beforeAll(() => {
  for (const needed of ['dist/lib/index.js', '.jsii', 'assets/model-proxy/index.js']) {
    if (!existsSync(join(root, needed))) throw new Error(`${needed} is missing: run npm run build && npm run jsii (npm test does) before this test.`);
  }
  // --ignore-scripts: npm test has just built; prepack would build it all again.
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: root, encoding: 'utf8' });
  pack = (JSON.parse(out) as PackInfo[])[0];
  const pkg = join(modules, 'secure-ai-gateway');
  mkdirSync(pkg, { recursive: true });
  execFileSync('tar', ['-xzf', join(scratch, pack.filename), '-C', pkg, '--strip-components=1']);
  for (const peer of ['aws-cdk-lib', 'constructs']) symlinkSync(join(root, 'node_modules', peer), join(modules, peer), 'dir');
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'user-app', private: true }));
}, 120_000);

afterAll(() => {
  process.stdout.write(`\nPacked package: ${pack.filename}, ${(pack.size / 1024).toFixed(1)} KB packed, `
    + `${(pack.unpackedSize / 1024).toFixed(1)} KB unpacked, ${pack.files.length} files\n`);
  rmSync(scratch, { recursive: true, force: true });
});

test('the tarball holds the compiled library, the handler bundles, the jsii assembly and the licence, and nothing else', () => {
  // dist/lambda/pii-masking: the masker's pattern and allowlist checks, which the constructs run at synth.
  const files = pack.files.map((f) => f.path);
  expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', '.jsii', 'dist/lib/index.js', 'dist/lib/index.d.ts',
    'dist/lib/testing/index.js', 'dist/lib/testing/snapshot-serializer.js']));
  const functions = readdirSync(join(root, 'lambda')).filter((fn) => existsSync(join(root, 'lambda', fn, 'handler.ts')));
  for (const fn of functions) expect(files).toContain(`assets/${fn}/index.js`);
  expect(files).toContain('dist/lambda/pii-masking/config-checks.js');
  const expected = /^(LICENSE|README\.md|package\.json|\.jsii|dist\/lib\/.*\.(js|d\.ts)|dist\/lambda\/pii-masking\/[a-z-]+\.js|assets\/[a-z-]+\/index\.js)$/;
  const unexpected = files.filter((f) => !expected.test(f));
  expect(unexpected).toEqual([]);
});

test('README.md\'s TypeScript examples compile against the packed type declarations', () => {
  const files = snippets.map((s) => join(scratch, `snippet-${s.index}.ts`));
  snippets.forEach((s, i) => writeFileSync(files[i], runnableSnippet(s)));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16,
    strict: true, skipLibCheck: true, types: [], outDir: scratch, rootDir: scratch,
  };
  const program = ts.createProgram(files, options);
  const emitted = program.emit();
  const problems = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics]
    .map((d) => `${d.file ? d.file.fileName.replace(scratch, '') : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  expect(problems).toEqual([]);
});

describe.each(snippets.map((s) => [s.index, s] as const))('README example %i, run from the packed package', (index) => {
  test('synthesizes, loading nothing of ours but the package and no esbuild', () => {
    const outdir = join(scratch, `cdk.out-${index}`);
    const loaded = join(scratch, `loaded-${index}.json`);
    const hook = join(scratch, 'record-modules.js');
    writeFileSync(hook, `process.on('exit', () => require('fs').writeFileSync(process.env.LOADED_MODULES, JSON.stringify(Object.keys(require.cache))));`);
    const env: NodeJS.ProcessEnv = { ...process.env, CDK_OUTDIR: outdir, LOADED_MODULES: loaded };
    delete env.CDK_CONTEXT_JSON; // a user's app has no test context: lookups must not be needed
    const result = spawnSync(process.execPath, ['--require', hook, join(scratch, `snippet-${index}.js`)], { cwd: scratch, encoding: 'utf8', env });
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string }>; missing?: unknown[] };
    expect(Object.values(manifest.artifacts).filter((a) => a.type === 'aws:cloudformation:stack').length).toBeGreaterThan(0);
    expect(manifest.missing ?? []).toEqual([]);
    const modulesLoaded = JSON.parse(readFileSync(loaded, 'utf8')) as string[];
    expect(modulesLoaded.filter((m) => m.includes('/esbuild/') || m.startsWith(join(root, 'lib')) || m.startsWith(join(root, 'lambda')) || m.endsWith('.ts'))).toEqual([]);
    expect(modulesLoaded.some((m) => m.startsWith(join(modules, 'secure-ai-gateway', 'dist')))).toBe(true);
  });
});

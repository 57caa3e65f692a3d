/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, so no loader (tsx) inflates the measured RSS */
/**
 * One fresh Node process of the proxy memory benchmark: loads a handler bundle
 * (or the bare forwarder the baseline uses) as Lambda's runtime would, then
 * serves a load of calls and reports CPU time, wall time and peak RSS to the
 * parent over IPC. Plain CommonJS, so no loader (tsx) inflates the RSS.
 *
 *   node child.cjs <bundle | baseline> <invoke | chat> <events.json> <calls>
 */
const http = require('node:http');
const { readFileSync } = require('node:fs');
const { Writable } = require('node:stream');

const [bundle, kind, eventsFile, callsArg] = process.argv.slice(2);
const calls = Number(callsArg);
const cpuMs = (from) => {
  const c = process.cpuUsage(from);
  return (c.user + c.system) / 1000;
};
const rssMb = () => process.memoryUsage().rss / 2 ** 20;

/** Discards the body, as API Gateway's reader would consume it; keeps the status from the prelude. */
class DiscardingStream extends Writable {
  constructor() {
    super();
    this.prelude = undefined;
    this.bytes = 0;
  }
  setContentType() {}
  _write(chunk, encoding, callback) {
    if (this.prelude === undefined) this.prelude = JSON.parse(chunk.toString());
    this.bytes += chunk.length;
    callback();
  }
}

if (kind === 'chat') {
  // What the Lambda Node.js runtime provides before it loads a streaming handler.
  globalThis.awslambda = {
    streamifyResponse: (handler) => handler,
    HttpResponseStream: {
      from(stream, prelude) {
        stream.write(JSON.stringify(prelude));
        stream.write(Buffer.alloc(8));
        return stream;
      },
    },
  };
}

/** The least any proxy does: parse the body, POST it to the model, pass the answer on. */
function baselineHandler(url) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const post = (body, onResponse) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, onResponse);
    request.end(body);
  };
  if (kind === 'chat') {
    return async (event, stream) => {
      const body = JSON.stringify(JSON.parse(event.body));
      await new Promise((resolve, reject) => post(body, (response) => {
        awslambda.HttpResponseStream.from(stream, { statusCode: response.statusCode, headers: {} });
        response.on('data', (chunk) => stream.write(chunk));
        response.on('end', resolve);
        response.on('error', reject);
      }));
    };
  }
  return (event) => new Promise((resolve, reject) => post(JSON.stringify(JSON.parse(event.body)), (response) => {
    const chunks = [];
    response.on('data', (chunk) => chunks.push(chunk));
    response.on('end', () => resolve({ statusCode: response.statusCode, body: JSON.stringify(JSON.parse(Buffer.concat(chunks).toString())) }));
    response.on('error', reject);
  }));
}

const c0 = process.cpuUsage();
const t0 = performance.now();
const handler = bundle === 'baseline' ? baselineHandler(JSON.parse(process.env.MODEL_PROXY_CONFIG).backend.url) : require(bundle).handler;
const init = { cpuMs: cpuMs(c0), ms: performance.now() - t0, rssMb: rssMb() };

const events = JSON.parse(readFileSync(eventsFile, 'utf8'));
let requestNumber = 0;
const context = () => ({ awsRequestId: `bench-${++requestNumber}`, functionName: 'bench', getRemainingTimeInMillis: () => 25_000 });

async function call(event) {
  if (kind === 'chat') {
    const stream = new DiscardingStream();
    await handler(event, stream, context());
    if (stream.prelude?.statusCode !== 200) throw new Error(`chat answered ${stream.prelude?.statusCode}`);
    return stream.bytes;
  }
  const response = await handler(event, context());
  if (response.statusCode !== 200) throw new Error(`invoke answered ${response.statusCode}: ${response.body}`);
  return response.body.length;
}

async function main() {
  const f0 = process.cpuUsage();
  const ft = performance.now();
  await call(events[0].event);
  const first = { cpuMs: cpuMs(f0), ms: performance.now() - ft };
  const perSize = events.map(() => ({ cpu: [], wall: [] }));
  for (let i = 0; i < calls; i++) {
    const which = i % events.length;
    const s0 = process.cpuUsage();
    const w0 = performance.now();
    await call(events[which].event);
    perSize[which].wall.push(performance.now() - w0);
    perSize[which].cpu.push(cpuMs(s0));
  }
  const memory = process.memoryUsage();
  process.send({
    init, first, perSize, peakRssMb: process.resourceUsage().maxRSS / 1024, heapUsedMb: memory.heapUsed / 2 ** 20,
    externalMb: memory.external / 2 ** 20,
  }, () => process.exit(0));
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack}\n`);
  process.exit(1);
});

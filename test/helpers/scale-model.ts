/**
 * Which limit a model of the example stack reaches first at a given load,
 * and what a million calls cost, from the synthesized template's own settings
 * (the model proxy's reserved concurrency, both model functions' memory, the
 * route's throttle) and AWS's default quotas and us-east-1 list prices (arm64
 * Lambda). README's "How it scales" tables are this module's output.
 */
export const QUOTAS = {
  apiGatewayAccountRps: 10_000,
  lambdaAccountConcurrency: 1_000,
  /** Lambda adds up to 1,000 concurrent executions per function every 10 seconds. */
  lambdaScalingPer10s: 1_000,
} as const;

export const PRICES = {
  lambdaGbSecond: 0.0000133334,
  lambdaRequestPerMillion: 0.2,
  restApiPerMillion: 3.5,
  wafPerMillion: 0.6,
} as const;

/**
 * CPU milliseconds per call of each function on a full core, the model excluded: the
 * median at a 30 KB prompt with a 2 KB answer (streamed for chat), measured by
 * `npx tsx bench/run.ts proxy-memory` (docs/model-connectivity.md, "Memory").
 */
export const CPU_MS_PER_CALL = { invoke: 3.5, chat: 5.5 } as const;
/** Lambda gives one vCPU at 1,769 MB and a proportional share below. */
export const ONE_VCPU_MB = 1769;

export interface ModelSettings {
  readonly reservedConcurrency: number;
  readonly methodRate: number;
  /** The invoke proxy's memory. */
  readonly memoryMb: number;
  /** The chat completions function's memory. */
  readonly chatMemoryMb: number;
}

export interface ScaleRow {
  readonly rps: number;
  readonly generationSeconds: number;
  readonly concurrencyNeeded: number;
  readonly bindsFirst: string;
  readonly raise: string;
}

/** Limits in the order a call meets them; the first one below the load answers 429. */
export function scaleRow(model: ModelSettings, rps: number, generationSeconds: number): ScaleRow {
  const concurrencyNeeded = Math.ceil(rps * generationSeconds);
  const limits: Array<{ name: string; exceeded: boolean; raise: string }> = [
    { name: `API Gateway account rate (${QUOTAS.apiGatewayAccountRps} rps)`, exceeded: rps > QUOTAS.apiGatewayAccountRps, raise: 'API Gateway throttle quota' },
    { name: `the model's route throttle (${model.methodRate} rps)`, exceeded: rps > model.methodRate, raise: 'the model\'s `capacity`' },
    { name: `the proxy's reserved concurrency (${model.reservedConcurrency})`, exceeded: concurrencyNeeded > model.reservedConcurrency,
      raise: 'the model\'s `capacity`' },
    {
      name: `Lambda account concurrency (${QUOTAS.lambdaAccountConcurrency})`, exceeded: concurrencyNeeded > QUOTAS.lambdaAccountConcurrency,
      raise: 'Lambda concurrency quota, then `capacity`',
    },
  ];
  const first = limits.find((l) => l.exceeded);
  return { rps, generationSeconds, concurrencyNeeded, bindsFirst: first?.name ?? 'none', raise: first?.raise ?? '-' };
}

/**
 * What a function bills per million calls of one generation length, and the gateway and WAF around it.
 * A call lasts the generation (the function waits for the model) plus its own CPU work, stretched by
 * the CPU share below one vCPU (a Lambda vCPU taken as fast as the core it was measured on).
 */
export function costPerMillion(memoryMb: number, generationSeconds: number, cpuMs: number): { lambda: number; total: number } {
  const seconds = generationSeconds + (cpuMs / 1000) * Math.max(1, ONE_VCPU_MB / memoryMb);
  const lambda = round(1e6 * seconds * (memoryMb / 1024) * PRICES.lambdaGbSecond + PRICES.lambdaRequestPerMillion);
  return { lambda, total: round(lambda + PRICES.restApiPerMillion + PRICES.wafPerMillion) };
}

/** The README tables, as markdown. */
export function scaleTables(model: ModelSettings): string {
  const rows = [10, 100, 1_000, 10_000].flatMap((rps) => [2, 30].map((seconds) => scaleRow(model, rps, seconds)));
  const limits = [
    '| Requests/s | Generation | Concurrent executions needed | Binds first | Raise |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.rps.toLocaleString('en-US')} | ${r.generationSeconds} s | ${r.concurrencyNeeded.toLocaleString('en-US')} `
      + `| ${r.bindsFirst} | ${r.raise} |`),
  ];
  const cost = [
    `| Generation | Invoke proxy at ${model.memoryMb} MB (USD per million calls) | With API Gateway and WAF `
      + `| Chat function at ${model.chatMemoryMb} MB, streamed | With API Gateway and WAF |`,
    '|---|---|---|---|---|',
    ...[2, 30].map((seconds) => {
      const invoke = costPerMillion(model.memoryMb, seconds, CPU_MS_PER_CALL.invoke);
      const chat = costPerMillion(model.chatMemoryMb, seconds, CPU_MS_PER_CALL.chat);
      return `| ${seconds} s | ${invoke.lambda.toFixed(2)} | ${invoke.total.toFixed(2)} | ${chat.lambda.toFixed(2)} | ${chat.total.toFixed(2)} |`;
    }),
  ];
  return `${limits.join('\n')}\n\n${cost.join('\n')}`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

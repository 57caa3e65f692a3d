/**
 * Cost of a budget per call: reserve (one conditional UpdateItem on the
 * tenant's item: minute, day and month windows checked at once) plus settle
 * (one UpdateItem), against a baseline of one plain UpdateItem (`ADD n :1`)
 * to the same DynamoDB API server (dynalite on loopback) with the same SDK
 * client, measured in the same run. Rounds alternate the two, so drift on a
 * shared machine hits both; the figure is the median of the rounds' medians.
 *
 * Target: reserve + settle ≤ 1.5× one plain UpdateItem.
 */
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { createBudgetEngine } from '../lambda/budget/budget-engine';
import { startLocalTable } from '../test/lambda/budget/dynalite-server';

const ROUNDS = 7;
const CALLS = 300;
const WARMUP = 200;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timeEach(calls: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

async function main(): Promise<void> {
  const table = await startLocalTable();
  try {
    const client = table.client();
    const engine = createBudgetEngine({
      config: {
        tableName: table.tableName, failOpen: false,
        defaults: { tenant: { tokensPerMinute: 1e12, tokensPerDay: 1e12, tokensPerMonth: 1e12 } },
      },
      model: 'bench-model',
      client,
    });
    const plain = (i: number) => client.send(new UpdateItemCommand({
      TableName: table.tableName, Key: { pk: { S: `plain#${i % 50}` } }, UpdateExpression: 'ADD #n :one',
      ExpressionAttributeNames: { '#n': 'n' }, ExpressionAttributeValues: { ':one': { N: '1' } },
    }));
    const budgeted = async (i: number) => {
      const d = await engine.reserve({ tenant: `tenant-${i % 50}`, tier: 'basic' }, { promptTokens: 1200, completionTokens: 800 });
      if (d.kind !== 'admitted') throw new Error(`unexpected ${d.kind}`);
      const s = await d.reservation.settle({ promptTokens: 1100, completionTokens: 300 });
      if (!s.ok) throw new Error('settlement failed');
    };
    // The part a caller waits for on the chat route, which settles after the answer is sent.
    const reserveOnly = async (i: number) => {
      const d = await engine.reserve({ tenant: `reserve-${i % 50}`, tier: 'basic' }, { promptTokens: 1, completionTokens: 1 });
      if (d.kind !== 'admitted') throw new Error(`unexpected ${d.kind}`);
    };
    await timeEach(WARMUP, plain);
    await timeEach(WARMUP, reserveOnly);
    await timeEach(WARMUP, budgeted);
    const plainMedians: number[] = [];
    const budgetMedians: number[] = [];
    const reserveMedians: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      plainMedians.push(median(await timeEach(CALLS, plain)));
      budgetMedians.push(median(await timeEach(CALLS, budgeted)));
      reserveMedians.push(median(await timeEach(CALLS, reserveOnly)));
    }
    const base = median(plainMedians);
    const budget = median(budgetMedians);
    console.log(`rounds ${ROUNDS} × ${CALLS} calls, dynalite on loopback, @aws-sdk/client-dynamodb`);
    console.log(`plain UpdateItem          median ${base.toFixed(3)} ms   (round medians ${plainMedians.map((m) => m.toFixed(2)).join(' ')})`);
    console.log(`reserve + settle          median ${budget.toFixed(3)} ms   (round medians ${budgetMedians.map((m) => m.toFixed(2)).join(' ')})`);
    const reserve = median(reserveMedians);
    console.log(`reserve alone             median ${reserve.toFixed(3)} ms   ratio ${(reserve / base).toFixed(2)}×`);
    console.log(`ratio ${(budget / base).toFixed(2)}×   target ≤ 1.50×   ${budget / base <= 1.5 ? 'met' : 'NOT met'}`);
  } finally {
    await table.close();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

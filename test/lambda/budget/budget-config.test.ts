import { parseProxyConfig } from '../../../lambda/model-proxy/config';
import { proxyConfig } from '../model-proxy/fakes';

const parse = (budget: unknown) => parseProxyConfig(JSON.stringify({ ...proxyConfig(), budget }));

describe('budget configuration', () => {
  it('reads limits per scope, tier and tenant, with a price table and failOpen defaulting to false', () => {
    const budget = {
      tableName: 'gateway-budget',
      defaults: { tenant: { tokensPerMinute: 10_000 } },
      tiers: { gold: { tenant: { tokensPerDay: 1_000_000, costPerMonth: 250 }, principal: { tokensPerMinute: 2000 } } },
      tenants: { acme: { tenant: { tokensPerMinute: 50_000 } } },
      price: { promptPerMillion: 3, completionPerMillion: 15 },
    };
    const parsed = parse(budget);
    expect(parsed).toEqual({ success: true, data: expect.objectContaining({ budget: { ...budget, failOpen: false } }) });
  });

  it('fails when a cost limit has no price table, a field is unknown or a limit is out of range', () => {
    const parsed = parse({ tableName: 'b', defaults: { tenant: { costPerDay: 5, tokensPerHour: 1 }, principal: { tokensPerMinute: 0 } } });
    expect(parsed.success).toBe(false);
    const errors = parsed.success ? [] : parsed.errors;
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^budget\.tableName:/),
      'budget.defaults.tenant.tokensPerHour: unknown field',
      expect.stringMatching(/^budget\.defaults\.principal\.tokensPerMinute:/),
      'budget.price: is required when a cost limit is set',
    ]));
  });
});

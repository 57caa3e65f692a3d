import { found } from './helpers';

const UUID = 'c0a6fbe9-8e2a-4b7e-b130-48d846d357e9';

describe('UUIDs', () => {
  it('leaves a request id in a log line alone and still finds what follows it', () => {
    expect(found(`[2023-06-15T04:40:47+02:00] INFO request ${UUID} took 339 ms, jane.doe@example.com`)).toEqual([['EMAIL', 'jane.doe@example.com']]);
  });

  it('reports a UUID that a secret word names as the secret', () => {
    expect(found(`token ${UUID}`)).toEqual([['API_SECRET', UUID]]);
    expect(found(`password is ${UUID} ok`)).toEqual([['API_SECRET', UUID]]);
  });

  it('reads an address glued to a UUID by a colon', () => {
    expect(found(`id ${UUID}:10.0.0.1`)).toEqual([['IP_ADDRESS', '10.0.0.1']]);
  });

  it('treats upper-case and glued UUID shapes like any other words', () => {
    expect(found(`id ${UUID.toUpperCase()} and req-${UUID}-x`)).toEqual([]);
  });
});

/**
 * A JWKS endpoint on 127.0.0.1 (free port) whose behaviour a test switches:
 * serving keys, garbage, errors, redirects, or hanging. Always close() it.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwksOf, type TestKey } from './tokens';

export type JwksBehaviour = 'keys' | 'garbage' | 'not-a-jwks' | 'status-500' | 'redirect' | 'hang' | 'huge';

export interface JwksServer {
  readonly baseUrl: string;
  readonly jwksUri: string;
  behaviour: JwksBehaviour;
  keys: TestKey[];
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startJwksServer(keys: TestKey[]): Promise<JwksServer> {
  const hanging = new Set<ServerResponse>();
  const state = { behaviour: 'keys' as JwksBehaviour, keys };
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    switch (state.behaviour) {
      case 'keys':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwksOf(...state.keys)));
        return;
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' }).end('<html>\u0000\u00ff not json');
        return;
      case 'not-a-jwks':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [{ kid: 42 }] }));
        return;
      case 'status-500':
        res.writeHead(500).end('{}');
        return;
      case 'redirect':
        res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere.json' }).end();
        return;
      case 'huge':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [], pad: 'x'.repeat(300 * 1024) }));
        return;
      case 'hang':
        hanging.add(res);
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    jwksUri: `${baseUrl}/.well-known/jwks.json`,
    get behaviour() {
      return state.behaviour;
    },
    set behaviour(b: JwksBehaviour) {
      state.behaviour = b;
    },
    get keys() {
      return state.keys;
    },
    set keys(k: TestKey[]) {
      state.keys = k;
    },
    requests,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

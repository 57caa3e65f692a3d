import { found, foundOf } from './helpers';

const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('AWS_ACCESS_KEY', () => {
  it('finds AKIA and ASIA key ids', () => {
    expect(foundOf('AWS_ACCESS_KEY', 'key AKIAIOSFODNN7EXAMPLE and ASIAY2YLJVBBZ3CE7M25.')).toEqual(['AKIAIOSFODNN7EXAMPLE', 'ASIAY2YLJVBBZ3CE7M25']);
  });

  it('reports a key id assigned to access_key as an access key, not a secret', () => {
    expect(found('access_key = "AKIAPNI2OJQB6PULKPE7"')).toEqual([['AWS_ACCESS_KEY', 'AKIAPNI2OJQB6PULKPE7']]);
  });

  it('rejects key-id-shaped words of the wrong length', () => {
    expect(foundOf('AWS_ACCESS_KEY', 'AKIAIOSFODNN7EXAMPL AKIAIOSFODNN7EXAMPLE1')).toEqual([]);
  });
});

describe('API_SECRET', () => {
  it.each([
    ['an AWS secret under its key', `aws_secret_access_key = ${AWS_SECRET}`, AWS_SECRET],
    ['an AWS secret in a JS object', `secretAccessKey: "${AWS_SECRET}" }`, AWS_SECRET],
    ['a 40-character base64 secret on its own', `2. Secret \`${AWS_SECRET}\``, AWS_SECRET],
    ['a JWT', `token ${JWT} expired`, JWT],
    ['a bearer token', `-H "Authorization: Bearer ${JWT}"`, JWT],
    ['an opaque bearer token', 'Authorization: Bearer 8f3kLm29QpX7zR4tWv1yB6nC', '8f3kLm29QpX7zR4tWv1yB6nC'],
    ['a GitHub token', 'GH=ghp_1hx9nIIYqGeRh1L9EQn836JnoNbfvksjw847', 'ghp_1hx9nIIYqGeRh1L9EQn836JnoNbfvksjw847'],
    ['a Slack token', 'xoxb-916996833671-5526544260832-ZQbkvFRdB8xFLZRkKac2pVPS', 'xoxb-916996833671-5526544260832-ZQbkvFRdB8xFLZRkKac2pVPS'],
    ['a Stripe key', 'use sk_live_4eC39HqLyjWDarjtT1zdp7dc now', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    ['a Google API key', 'key=AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe', 'AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe'],
    ['a hex key under a token name', 'GITHUB_TOKEN=8ce1a706410ce5fa82837495d5fc02f6', '8ce1a706410ce5fa82837495d5fc02f6'],
    ['a password in a connection string', 'postgres://app:Purple8471#@10.0.0.5:5432/prod', 'Purple8471#'],
    ['a password in a .env line', 'DB_PASSWORD=Hunter2!x', 'Hunter2!x'],
    ['a password in YAML', 'password: "s3cr3t-Value"', 's3cr3t-Value'],
    ['a password in prose', 'my password is Summer2024! please reset it', 'Summer2024!'],
    ['an SNMP community', 'snmp-server community Winter6511 ro', 'Winter6511'],
  ])('finds %s', (_name, text, expected) => {
    expect(foundOf('API_SECRET', text)).toEqual([expected]);
  });

  it('finds a PEM private key block from BEGIN to END', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi\nZ1BxM2k0ZXh0cmE=\n-----END RSA PRIVATE KEY-----';
    expect(foundOf('API_SECRET', `key:\n${pem}\nthanks`)).toEqual([pem]);
  });

  it('leaves a PEM public key or certificate alone', () => {
    expect(foundOf('API_SECRET', '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOC\n-----END PUBLIC KEY-----')).toEqual([]);
  });

  it.each([
    ['a hash under a non-secret key', 'build sha256=03fa3d33520bf859dc21540b85e674dd1f4615ef500f1698b3427bf384fdfc18'],
    ['a cache key', 'cache hit key=9f68a09425b25fd8bb154de9a101997157b78101bbd47a7dba18eaece721580b ttl=300'],
    ['a UUID', 'req=8590f912-da4c-4320-993f-e399412b0cf2'],
    ['a git SHA', 'commit 6aa89850ea67ecfeedd15d209a7e48a0a7a06f3b'],
    ['a placeholder value', 'password=${DB_PASSWORD} token: <your-token> secret: "***"'],
    ['a code reference', 'password = os.environ["DB_PASSWORD"]'],
    ['a sentence about passwords', 'the password is incorrect, the token limit is 4096'],
    ['a token count', 'max_tokens: 1024, token_count=12'],
  ])('rejects %s', (_name, text) => {
    expect(foundOf('API_SECRET', text)).toEqual([]);
  });
});

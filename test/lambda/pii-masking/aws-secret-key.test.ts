/**
 * AWS secret access keys by their shape alone: 40 characters of the base64 alphabet, wherever they stand.
 */
import { maskPii } from '../../../lambda/pii-masking';
import { found, foundOf } from './helpers';

/** A fixed sample of keys drawn from the base64 alphabet, among them the shapes a word-by-word reader misses. */
const KEYS = [
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'J/6s2kzR2csaTgrjRrE5CiGcRPsDOJMDe5tyAelr',
  'sV+JS7YQF3Q+M+H8g/uBtjJiCE2hps5ArK0FWRwS',
  '+RfXSSu8CXjILVLM25GaHWp4bbX0i4nUEAYHxejE',
  '/dcHAOg5fm3HU9VYC72REvLQnolsPrhyyhr7AoZE',
  'Zd/nSb2LH//fg5DfGu44sT98VgWoVgbsHOfyXvQr',
  'ab+c/XMGRti/qmOlQVozTXnGDdjRfYpitpIlMNbG',
  'o/XMGRti/qmOlQVozTXnGDdjRfYpitpIlMNbGSga',
];

describe('AWS secret access key by shape', () => {
  it.each(KEYS)('finds the bare key %s in prose, quotes, brackets and after another credential', (key) => {
    for (const text of [key, `use ${key} for the upload`, `"${key}"`, `(${key})`, `creds: AKIAIOSFODNN7EXAMPLE / ${key}\n`, `my key is ${key}.`]) {
      expect(foundOf('API_SECRET', text)).toEqual([key]);
      expect(maskPii(text).text).not.toContain(key);
    }
  });

  it.each([
    ['a lower-case SHA-1', 'commit 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12 merged'],
    ['an upper-case SHA-1', 'SHA1: 2FD4E1C67A2D28FCED849EE1BB76E7391B93EB12'],
    ['a SHA-256 in base64 (44 characters)', 'digest=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='],
    ['a base64 blob of 48 characters', 'blob dGhpcyBpcyBhIHRlc3Qgb2YgYmFzZTY0IGVuY29kaW5nIQ== end'],
    ['a UUID', 'id 3f2b8c4e-9d1a-4b7e-8f6c-2a5d9e0b1c7f ok'],
    ['a path of 40 characters', 'see Users/JohnSmith/Documents/Report2024/v1/ now'],
    ['a source path', 'path: src/components/UserProfile/AvatarUpload/index.tsx'],
    ['a camel-case identifier of 40 characters', 'call ThisIsAVeryLongIdentifierNames1234567890 now'],
    ['a URL path', 'GET https://ExampleHost2/AbcDefGhiJklMnoPqrStuV/Yz'],
    ['a file name after the run', 'open K7MDENGbPxRfiCYEXAMPLEKEYwJalrXUtnFEMI2x.java'],
  ])('leaves %s alone', (_name, text) => {
    expect(found(text)).toEqual([]);
  });
});

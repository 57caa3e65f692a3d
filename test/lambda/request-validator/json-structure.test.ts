import { inspectJsonStructure } from '../../../lambda/request-validator/json-structure';

const limits = { maxDepth: 3, maxKeys: 4 };

describe('inspectJsonStructure', () => {
  it('passes a document within the limits', () => {
    expect(inspectJsonStructure('{"a":{"b":[1,2,3]},"c":"x"}', limits)).toBeNull();
  });

  it('reports depth beyond the limit', () => {
    expect(inspectJsonStructure('[[[[1]]]]', limits)).toBe('depth');
  });

  it('reports more keys than the limit across the whole document', () => {
    expect(inspectJsonStructure('{"a":1,"b":{"c":2,"d":3},"e":4}', limits)).toBe('keys');
  });

  it('reports a repeated key in one object, and allows the same key in sibling objects', () => {
    expect(inspectJsonStructure('{"a":1,"a":2}', limits)).toBe('duplicateKey');
    expect(inspectJsonStructure('[{"a":1},{"a":2}]', limits)).toBeNull();
  });

  it('ignores brackets, braces, colons and escaped quotes inside strings', () => {
    expect(inspectJsonStructure('{"a":"[[[[{{{{:::: \\" ]]]"}', limits)).toBeNull();
  });

  it('stops at the first breach of a 100,000-deep document', () => {
    expect(inspectJsonStructure('['.repeat(100_000), limits)).toBe('depth');
  });

  it('leaves malformed JSON to the parser', () => {
    expect(inspectJsonStructure('{"a" 1 ]]', limits)).toBeNull();
  });
});

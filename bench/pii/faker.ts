/**
 * The slice of @faker-js/faker the benchmark uses, typed here. faker ships
 * only as an ES module; loading it with require (Node >= 20.19 loads ES
 * modules that way) keeps these files CommonJS under any `module` setting.
 */
export interface Rng {
  seed(seed: number): number;
  number: { int(options?: number | { min?: number; max?: number }): number };
  datatype: { boolean(): boolean };
  string: { uuid(): string; alpha(options: { length: number; casing?: 'upper' | 'lower' | 'mixed' }): string };
  date: {
    between(options: { from: string | Date; to: string | Date }): Date;
    birthdate(options: { mode: 'age'; min: number; max: number }): Date;
    month(): string;
  };
  person: { firstName(): string; lastName(): string };
  location: {
    buildingNumber(): string;
    street(): string;
    secondaryAddress(): string;
    city(): string;
    state(options?: { abbreviated?: boolean }): string;
    zipCode(): string;
  };
  hacker: { phrase(): string; noun(): string; verb(): string; adjective(): string };
  commerce: { productDescription(): string };
  company: { name(): string };
  lorem: { sentence(options?: number | { min: number; max: number }): string; paragraph(): string };
}

interface FakerLib {
  Faker: new (options: { locale: unknown[] }) => Rng;
  [locale: string]: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require('@faker-js/faker') as FakerLib;

/** A faker for `locale` (`en`, `de`, `pt_BR`, ...) falling back to English, seeded. */
export function createFaker(locale: string, seed: number): Rng {
  const f = new lib.Faker({ locale: [lib[locale], lib.en, lib.base] });
  f.seed(seed);
  return f;
}

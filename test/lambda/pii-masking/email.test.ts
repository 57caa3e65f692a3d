import { found, foundOf } from './helpers';

describe('EMAIL', () => {
  it.each([
    ['plain', 'write to jane.doe@example.com today', 'jane.doe@example.com'],
    ['plus tag and subdomain', 'cc: j.doe+ai@mail.eng.example.co.uk.', 'j.doe+ai@mail.eng.example.co.uk'],
    ['upper case', 'From ZETTA.FRIESEN@WEB.DE', 'ZETTA.FRIESEN@WEB.DE'],
    ['in angle brackets', 'Author: Jane <jane_1999@proton.me>', 'jane_1999@proton.me'],
    ['after key=', 'login ok user=akertzmann@proton.me src=1', 'akertzmann@proton.me'],
    ['numeric local part', '邮箱123456789@qq.com，谢谢', '123456789@qq.com'],
    ['accented local part', 'mail: josé.núñez@correo.es', 'josé.núñez@correo.es'],
  ])('finds an address: %s', (_name, text, expected) => {
    expect(foundOf('EMAIL', text)).toEqual([expected]);
  });

  it.each([
    ['a package scope', 'npm i @types/node @faker-js/faker'],
    ['a version pin', 'install lodash@4.17.21 please'],
    ['a host without a dot', 'ssh root@localhost'],
    ['a numeric TLD', 'ping x@10.0.0.1'],
    ['a decorator', '@Component({ selector: "x" })'],
    ['a run of at signs', '@@@@@@ @ @@'],
  ])('rejects %s', (_name, text) => {
    expect(foundOf('EMAIL', text)).toEqual([]);
  });

  it('ends before trailing punctuation and does not include the dot of a sentence end', () => {
    expect(foundOf('EMAIL', 'Reply to a.b@c.org.')).toEqual(['a.b@c.org']);
  });

  it('finds two addresses separated only by a comma', () => {
    expect(found('a@b.io,c@d.io')).toEqual([
      ['EMAIL', 'a@b.io'],
      ['EMAIL', 'c@d.io'],
    ]);
  });
});

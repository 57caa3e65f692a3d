import { foundOf } from './helpers';

describe('IP_ADDRESS', () => {
  it.each([
    ['IPv4', 'src=198.51.100.151 ok', '198.51.100.151'],
    ['IPv4 with port', 'host 172.26.225.116:5432/prod', '172.26.225.116'],
    ['IPv4 with prefix length', 'ip address 10.100.21.44/24', '10.100.21.44'],
    ['full IPv6', 'from 2a00:4eff:70c5:88d7:ade3:79ec:70d3:bbbe.', '2a00:4eff:70c5:88d7:ade3:79ec:70d3:bbbe'],
    ['compressed IPv6', 'for 2001:db8:d128:42c6::a6b5:f7 (agent', '2001:db8:d128:42c6::a6b5:f7'],
    ['upper-case IPv6', 'for 2607:1C4:2250::B99F:C1A1:57B3 x', '2607:1C4:2250::B99F:C1A1:57B3'],
    ['link-local IPv6', '"last_ip":"fe80::f3ac:e5fc:26b5:3bd"', 'fe80::f3ac:e5fc:26b5:3bd'],
    ['loopback IPv6', 'rate limit exceeded for ::1 (agent', '::1'],
    ['IPv4-mapped IPv6', 'peer ::ffff:192.0.2.128 closed', '::ffff:192.0.2.128'],
  ])('finds %s', (_name, text, expected) => {
    expect(foundOf('IP_ADDRESS', text)).toEqual([expected]);
  });

  it.each([
    ['a version after "v"', '(agent v9.20.15.10)'],
    ['a version after a version word', 'OS build 1.5.28.82 is out'],
    ['a version in a JSON key', '"appVersion":"3.0.13.93"'],
    ['an OID', 'agent 1.3.6.1.4.1.30927'],
    ['an octet above 255', 'between 517.47.158.88 and x'],
    ['a release sentence', 'What changed in the release notes between 6.0.22.41 and 26.16.456.411?'],
    ['a time of day', 'at 12:30:45 today'],
    ['a MAC address', 'hw 00:1a:2b:3c:4d:5e up'],
    ['a C++ scope', 'std::vector<int> and Foo::Bar'],
    ['a netmask', 'mask 255.255.255.0'],
  ])('rejects %s', (_name, text) => {
    expect(foundOf('IP_ADDRESS', text)).toEqual([]);
  });

  // A dot after an all-digit group of 1-3 digits once read as the start of an IPv4 tail, and the failed tail refused the address.
  describe('IPv6 ending in an all-digit group, before punctuation', () => {
    it.each([
      ['compressed, before a full stop', 'from IP 2001:db8:2e40:ab0a::961. Anything else?', ['2001:db8:2e40:ab0a::961']],
      ['compressed, one-digit group, before a full stop', 'reached fe80::7.', ['fe80::7']],
      ['compressed, before a full stop and a line break', 'blocked 2001:db8::518.\nNext', ['2001:db8::518']],
      ['compressed, before a comma and a semicolon', 'hosts 2001:db8::518, 2001:db8::519; done', ['2001:db8::518', '2001:db8::519']],
      ['compressed, before a closing bracket', '(from 2001:db8:2e40::961)', ['2001:db8:2e40::961']],
      ['compressed, at the end of the text', 'from IP 2001:db8:2e40:ab0a::961', ['2001:db8:2e40:ab0a::961']],
      ['full, before a full stop', 'from 2001:db8:85a3:0:0:8a2e:370:734.', ['2001:db8:85a3:0:0:8a2e:370:734']],
      ['full, every group digits, before a full stop', 'IP 2001:0db8:0000:0000:0000:0000:0000:0001.', ['2001:0db8:0000:0000:0000:0000:0000:0001']],
      ['full, before a comma', 'src 2001:db8:0:0:1:2:3:4, dst', ['2001:db8:0:0:1:2:3:4']],
      ['full, before a semicolon', 'src 2001:db8:0:0:1:2:3:4; dst', ['2001:db8:0:0:1:2:3:4']],
      ['full, before a closing bracket', 'src (2001:db8:0:0:1:2:3:4)', ['2001:db8:0:0:1:2:3:4']],
      ['full, at the end of the text', 'src 2001:db8:0:0:1:2:3:4', ['2001:db8:0:0:1:2:3:4']],
      ['loopback, before a full stop', 'Connect to ::1.', ['::1']],
      ['IPv4-mapped, before a full stop', 'peer ::ffff:192.0.2.1.', ['::ffff:192.0.2.1']],
    ])('finds it %s', (_name, text, expected) => {
      expect(foundOf('IP_ADDRESS', text)).toEqual(expected);
    });

    it.each([
      ['a dotted decimal tail that is no IPv4 address', 'range 2001:db8::1.2.3. done'],
      ['a decimal after the last group', 'see 2001:db8::1.2.'],
      ['an IPv4-mapped tail with an octet above 255', 'peer ::ffff:300.1.1.1.'],
      ['a time with fractions of a second', 'at 12:30:45.678.'],
      ['two-digit pairs', 'ratio 10:20:30:40:50:60:70:80.'],
      ['a scope before a number', 'call Foo::123.'],
      ['a one-letter scope', 'a::961.'],
      ['a sentence-final version', 'release 1.2.3.'],
    ])('still rejects %s', (_name, text) => {
      expect(foundOf('IP_ADDRESS', text)).toEqual([]);
    });
  });
});

import { ignoreCaseMatcher } from './ignore-case';
import { GlobSyntaxError, matchGlob, parseGlob } from './glob';
import { CidrSyntaxError, inCidr, parseCidr, parseIp } from './ip';
import { utf8Length } from './utf8';

describe('ignoreCaseMatcher', () => {
  it.each([
    ['equals', 'Hello', 'hELLO', true],
    ['equals', 'Hello', 'hELL', false],
    ['equals', 'straße', 'STRASSE', true],
    ['equals', 'STRASSE', 'straße', false], // each pattern character maps to its own forms only: S → s/S, never ß
    ['prefix', 'straß', 'STRASSE!', true],
    ['suffix', 'ß', 'GROSS', true],
    ['suffix', '.png', 'photo.PNG', true],
    ['suffix', '.png', 'png', false],
    ['equals', 'İ', 'i̇', true], // U+0130 lower-cases to two code units
    ['equals', '😀', '😀', true],
    ['prefix', '', 'anything', true],
    ['equals', '', '', true],
  ] as const)('%s %j vs %j → %s', (mode, pattern, value, expected) => {
    expect(ignoreCaseMatcher(pattern, mode)(value)).toBe(expected);
  });
});

describe('glob', () => {
  it.each([
    ['a*c', 'abc', true],
    ['a*c', 'ac', true],
    ['a*c', 'abcd', false],
    ['*.jpg', 'x.jpg.png', false],
    ['a*b*c', 'aXbYbZc', true],
    ['a\\*c', 'a*c', true],
    ['a\\*c', 'abc', false],
    ['a\\\\c', 'a\\c', true],
    ['', '', true],
    ['*', '', true],
    ['ab*ab', 'ab', false],
  ] as const)('%j matches %j → %s', (glob, value, expected) => {
    expect(matchGlob(parseGlob(glob), value)).toBe(expected);
  });

  it('refuses consecutive wildcards and bad escapes, with byte positions after the opening quote', () => {
    expect(() => parseGlob('x**')).toThrow(new GlobSyntaxError('Consecutive wildcard characters at pos 2'));
    expect(() => parseGlob('\\x')).toThrow(new GlobSyntaxError('Invalid escape character at pos 1'));
    expect(() => parseGlob('€\\')).toThrow(new GlobSyntaxError('Invalid escape character at pos 4'));
    expect(parseGlob('\\**')).toEqual({ segments: ['*', ''], stars: 1 });
  });
});

describe('IP literals', () => {
  it.each([
    ['10.0.0.1', [10, 0, 0, 1]],
    ['255.255.255.255', [255, 255, 255, 255]],
    ['::ffff:a00:1', [10, 0, 0, 1]],
    ['::FFFF:0A00:0001', [10, 0, 0, 1]],
  ])('%s', (text, bytes) => {
    expect([...parseIp(text)!]).toEqual(bytes);
  });

  it('reads IPv6 in full and compressed forms to the same 16 bytes', () => {
    expect(parseIp('2001:db8::1')).toEqual(parseIp('2001:0DB8:0000:0000:0000:0000:0000:0001'));
    expect(parseIp('::')).toEqual(new Uint8Array(16));
    expect(parseIp('1::')?.[1]).toBe(1);
  });

  it.each(['256.0.0.1', '01.2.3.4', '1.2.3', '1:2:3:4:5:6:7', '1::2::3', ':1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8::', '12345::', 'host', '::ffff:10.0.0.1'])(
    'is not an address: %s',
    (text) => {
      expect(parseIp(text)).toBeUndefined();
    },
  );

  it('tests membership of IPv4 and IPv6 blocks, never across families', () => {
    expect(inCidr(parseCidr('192.168.0.0/16'), parseIp('192.168.255.1')!)).toBe(true);
    expect(inCidr(parseCidr('192.168.0.0/16'), parseIp('192.169.0.1')!)).toBe(false);
    expect(inCidr(parseCidr('2001:db8::/33'), parseIp('2001:db8:7fff::1')!)).toBe(true);
    expect(inCidr(parseCidr('2001:db8::/33'), parseIp('2001:db8:8000::1')!)).toBe(false);
    expect(inCidr(parseCidr('::/1'), parseIp('10.0.0.1')!)).toBe(false);
  });

  it('accepts the forms of mask bits Java accepts and refuses the rest', () => {
    expect(parseCidr('10.0.0.0/+8').prefixLength).toBe(8);
    expect(() => parseCidr('10.0.0.0/')).toThrow(new CidrSyntaxError("Malformed CIDR, one '/' required"));
    expect(() => parseCidr('10.0.0.0/8/8')).toThrow(new CidrSyntaxError("Malformed CIDR, one '/' required"));
    expect(() => parseCidr('10.0.0.0/ 8')).toThrow(new CidrSyntaxError('Malformed CIDR, mask bits must be an integer'));
  });
});

it('utf8Length counts bytes, surrogate pairs as four', () => {
  expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
});

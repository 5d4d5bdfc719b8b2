import { findRegexHazard } from './regex-safety.checker';

describe('findRegexHazard', () => {
  it.each([
    ['(a+)+', 'nested quantifier'],
    ['^(.*)*$', 'nested quantifier'],
    ['^(\\w+\\s?)*$', 'nested quantifier'],
    ['(a*b*)*', 'nested quantifier'],
    ['([a-z]+){2,}', 'nested quantifier'],
    ['(a|a)*', 'overlapping alternatives'],
    ['^(a|ab)+$', 'overlapping alternatives'],
    ['(x|)*', 'match nothing'],
    ['(a)\\1', 'back-references'],
    ['(?<q>a)\\k<q>', 'back-references'],
    ['[', 'not a valid regular expression'],
    ['.*.*.*.*.*.*.*.*x', 'polynomially'],
    ['^[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*!$', 'polynomially'],
    ['\\d+\\d+\\d+\\d+\\d+\\d+$', 'polynomially'],
    ['^\\S+@\\S+\\.\\S+$', 'polynomially'],
    ['^(.*)(.*)(.*)x$', 'polynomially'],
  ])('refuses %s', (pattern, reason) => {
    expect(findRegexHazard(pattern)).toContain(reason);
  });

  it.each([
    '^[a-z0-9]+(-[a-z0-9]+)*$',
    '^A\\.[0-9]+\\.[0-9]+(\\.[0-9]+)?$',
    '^(\\.\\d+){1,2}$',
    '^[a-f0-9]{64}$',
    '^(a|b)*$',
    '^([a-z0-9]|-)+$',
    '^\\d+\\.\\d+$',
    '^(ab){3}$',
    '^[^@\\s]+@[^@\\s]+$',
    '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    '^\\S+@\\S+$',
    '^\\w+ \\w+ \\w+ \\w+$',
    '^\\d+-\\d+-\\d+$',
    '^.*$',
  ])('accepts %s', (pattern) => {
    expect(findRegexHazard(pattern)).toBeNull();
  });

  it('refuses patterns that really do take exponential time', () => {
    // Sanity check of the premise on a tiny input: the refused shape is slow, the accepted one is not.
    const slow = new RegExp('^(a+)+$');
    const started = Date.now();
    slow.test(`${'a'.repeat(25)}!`);
    expect(Date.now() - started).toBeGreaterThan(5);
    expect(findRegexHazard('^(a+)+$')).not.toBeNull();
  });
});

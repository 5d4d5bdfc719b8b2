import { resolveTemplates } from './context-path.util';
import { shiftIsoDate } from './date-shift.util';

describe('shiftIsoDate', () => {
  it.each([
    ['2027-03-15', 1, 'P12M', '2028-03-15'],
    ['2027-03-15', 1, 'P24M', '2029-03-15'],
    ['2027-03-15', 1, 'P1Y', '2028-03-15'],
    ['2027-01-31', 1, 'P1M', '2027-02-28'],
    ['2028-02-29', 1, 'P1Y', '2029-02-28'],
    ['2027-12-31', 1, 'P1D', '2028-01-01'],
    ['2028-03-15', -1, 'P90D', '2027-12-16'],
    ['2028-03-15', -1, 'P30D', '2028-02-14'],
    ['2027-03-31', -1, 'P1M', '2027-02-28'],
    ['2027-01-15', -1, 'P2M', '2026-11-15'],
    ['2027-03-15', 1, 'P1Y2M1W3D', '2028-05-25'],
    ['2027-03-15T10:30:00Z', 1, 'P1D', '2027-03-16'],
  ] as const)('%s %s %s is %s', (date, sign, duration, expected) => {
    expect(shiftIsoDate(date, sign, duration)).toBe(expected);
  });

  it.each([
    ['not a date', 'P1D'],
    ['2027-02-30', 'P1D'],
    ['2027-13-01', 'P1D'],
    ['2027-03-15', 'PT2H'],
    ['2027-03-15', 'P'],
    ['2027-03-15', '12 months'],
  ])('gives nothing for %s and %s', (date, duration) => {
    expect(shiftIsoDate(date, 1, duration)).toBeUndefined();
  });

  it('gives nothing for a value that is not a string', () => {
    expect(shiftIsoDate(null, 1, 'P1D')).toBeUndefined();
    expect(shiftIsoDate(20270315, 1, 'P1D')).toBeUndefined();
  });
});

describe('date templates', () => {
  const scope = { context: { certificate: { decidedOn: '2027-03-15', 'expires-on': '2030-03-14' } } };

  it('moves a date forward or back in a whole template', () => {
    expect(resolveTemplates('{{context.certificate.decidedOn + P12M}}', scope)).toBe('2028-03-15');
    expect(resolveTemplates('{{ context.certificate.decidedOn - P90D }}', scope)).toBe('2026-12-15');
  });

  it('moves a date inside a longer text, and keeps hyphenated paths as paths', () => {
    expect(resolveTemplates('Due by {{context.certificate.decidedOn + P24M}}.', scope)).toBe(
      'Due by 2029-03-15.',
    );
    expect(resolveTemplates('{{context.certificate.expires-on}}', scope)).toBe('2030-03-14');
  });

  it('resolves to nothing when the path holds no date', () => {
    expect(resolveTemplates('{{context.missing + P12M}}', scope)).toBeUndefined();
    expect(resolveTemplates('by {{context.missing + P12M}}', scope)).toBe('by ');
  });

  it('leaves a malformed expression as text, as any unknown template', () => {
    expect(resolveTemplates('{{context.certificate.decidedOn+P12M}}', scope)).toBe(
      '{{context.certificate.decidedOn+P12M}}',
    );
  });
});

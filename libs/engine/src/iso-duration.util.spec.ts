import { isIsoDuration, parseIsoDuration } from './iso-duration.util';

const DAY = 86_400_000;

describe('parseIsoDuration', () => {
  it('reads days, hours, minutes and seconds exactly', () => {
    expect(parseIsoDuration('P14D')).toBe(14 * DAY);
    expect(parseIsoDuration('PT10S')).toBe(10_000);
    expect(parseIsoDuration('PT2H30M')).toBe(2.5 * 3_600_000);
    expect(parseIsoDuration('PT0.5S')).toBe(500);
  });

  it('counts a year as 365 days, a month as 30 days and a week as 7 days', () => {
    expect(parseIsoDuration('P1Y')).toBe(365 * DAY);
    expect(parseIsoDuration('P1M')).toBe(30 * DAY);
    expect(parseIsoDuration('P2W')).toBe(14 * DAY);
    expect(parseIsoDuration('P1Y2M10DT2H30M')).toBe((365 + 60 + 10) * DAY + 2.5 * 3_600_000);
  });

  it('tells minutes (after T) from months (before T)', () => {
    expect(parseIsoDuration('PT1M')).toBe(60_000);
    expect(parseIsoDuration('P1M')).not.toBe(60_000);
  });

  it.each(['', 'P', 'PT', 'P1DT', '14D', 'P-1D', 'P1H', 'PT1D', 'p14d', 'P14D '])('rejects "%s"', (text) => {
    expect(isIsoDuration(text)).toBe(false);
    expect(() => parseIsoDuration(text)).toThrow(/Invalid ISO-8601 duration/);
  });
});

import { createRootLogger, nestLogger } from './logging';

function capture(level: 'info' | 'debug') {
  const lines: Array<Record<string, unknown>> = [];
  const root = createRootLogger(level, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { lines, logger: nestLogger(root) };
}

describe('Nest logs through pino', () => {
  it('keeps Nest’s per-module and per-route start-up lines out of an info log', () => {
    const { lines, logger } = capture('info');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('Mapped {/api/health, GET} route', 'RouterExplorer');
    logger.log('seeded the demo organisation', 'Seed');
    logger.warn('slow start', 'Seed');
    expect(lines.map((l) => [l.level, l.msg, l.context])).toEqual([
      ['info', 'seeded the demo organisation', 'Seed'],
      ['warn', 'slow start', 'Seed'],
    ]);
  });

  it('still writes them at debug', () => {
    const { lines, logger } = capture('debug');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    expect(lines).toEqual([expect.objectContaining({ level: 'debug', context: 'InstanceLoader' })]);
  });
});

/** A check another feature adds to an operation: the reasons it would break that feature, or none. */
export type Check<Args extends unknown[]> = (...args: Args) => Promise<string[]>;

/**
 * Where features register checks on an operation of a feature they depend on (in their own
 * `onModuleInit`), so the operation's owner need not know them: dependencies keep pointing one way.
 */
export class CheckRegistry<Args extends unknown[]> {
  private readonly checks: Check<Args>[] = [];

  register(check: Check<Args>): void {
    if (!this.checks.includes(check)) this.checks.push(check);
  }

  async run(...args: Args): Promise<string[]> {
    const errors: string[] = [];
    for (const check of this.checks) errors.push(...(await check(...args)));
    return errors;
  }
}

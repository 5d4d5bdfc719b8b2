import type { EntityManager } from 'typeorm';
import type { Principal } from '../../identity/auth/principal';
import type { ProcessInstance } from '../process-instance.entity';
import type { RuntimeParts } from './runtime-parts';

export interface StartRequest {
  definitionKey: string;
  version?: number;
  businessKey?: string;
  input?: Record<string, unknown>;
}

/**
 * What a process started by hand (the API, the Processes page) gets from the organisation's data
 * when its input lacks it, e.g. a surveillance visit its certificate and deadline. Child processes
 * get their input from the parent and never pass here.
 */
export type StartInputProvider = (
  tx: EntityManager,
  organizationId: string,
  input: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

/** Starts an instance of a definition's newest (or given) version. */
export class StartInstance {
  private readonly inputProviders = new Map<string, StartInputProvider>();

  constructor(private readonly parts: RuntimeParts) {}

  provideInput(definitionKey: string, provider: StartInputProvider): void {
    this.inputProviders.set(definitionKey, provider);
  }

  async execute(
    organizationId: string,
    actor: Principal | null,
    request: StartRequest,
  ): Promise<ProcessInstance> {
    const { work, steps, definitions } = this.parts;
    return work.run(actor?.userId ?? null, async (ctx) => {
      const definition = await definitions.find(
        ctx.tx,
        organizationId,
        request.definitionKey,
        request.version,
      );
      const provider = this.inputProviders.get(request.definitionKey);
      const input = request.input ?? {};
      const filled = provider ? await provider(ctx.tx, organizationId, input) : input;
      return steps.start(ctx, definition, filled, request.businessKey ?? null, null);
    });
  }
}

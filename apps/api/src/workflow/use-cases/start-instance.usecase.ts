import type { Principal } from '../../identity/auth/principal';
import type { ProcessInstance } from '../process-instance.entity';
import type { RuntimeParts } from './runtime-parts';

export interface StartRequest {
  definitionKey: string;
  version?: number;
  businessKey?: string;
  input?: Record<string, unknown>;
}

/** Starts an instance of a definition's newest (or given) version. */
export class StartInstance {
  constructor(private readonly parts: RuntimeParts) {}

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
      return steps.start(ctx, definition, request.input ?? {}, request.businessKey ?? null, null);
    });
  }
}

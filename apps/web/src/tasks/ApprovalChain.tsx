import type { ApprovalChainView } from '../api/api-types';
import { ApprovalChainPanel } from '../approvals/ApprovalChainPanel';

/** One approval chain as a panel (the instance page lists every chain of the process with it). */
export function ApprovalView({ approval }: { approval: ApprovalChainView }) {
  return <ApprovalChainPanel chain={approval} />;
}

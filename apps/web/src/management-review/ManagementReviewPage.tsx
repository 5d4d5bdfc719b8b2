import { PageHeader } from '../app/PageHeader';
import type { PageProps } from '../app/routes';
import { useAuth } from '../auth/AuthProvider';
import { Link } from '../routing/Link';
import { InputPackSection } from './InputPackSection';

/**
 * A management review's input pack on its own page, for participants who hold no task of the
 * review (the server decides who may read it; anyone else sees its "not available" answer).
 */
export default function ManagementReviewPage({ params }: PageProps) {
  const { api } = useAuth();
  return (
    <section className="page">
      <PageHeader
        title="Management review"
        description={
          <Link to="/registers/management-reviews" className="small">
            ← Management reviews
          </Link>
        }
      />
      <InputPackSection api={api} reviewId={params.id} />
    </section>
  );
}

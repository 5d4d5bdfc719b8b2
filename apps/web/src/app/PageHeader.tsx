import { useEffect, type ReactNode } from 'react';

/**
 * The page's h1. It takes focus after in-app navigation (see AppLayout), so screen reader and
 * keyboard users start at the new page's title rather than at the link they clicked.
 */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Aimsflow`;
  }, [title]);
  return (
    <header className="page-header">
      <div>
        <h1 tabIndex={-1} data-page-title>
          {title}
        </h1>
        {description && <p className="page-header__description">{description}</p>}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </header>
  );
}

/** The keyset "Load more" button under a list; renders nothing when there is no next page. */
export function LoadMore({
  nextCursor,
  loading,
  onLoadMore,
  label = 'Load more',
}: {
  nextCursor: string | null | undefined;
  loading: boolean;
  onLoadMore: () => void;
  label?: string;
}) {
  if (!nextCursor) return null;
  return (
    <div className="load-more">
      <button type="button" className="button" onClick={onLoadMore} disabled={loading}>
        {loading ? 'Loading…' : label}
      </button>
    </div>
  );
}

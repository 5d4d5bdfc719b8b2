/**
 * One shared EventSource on `/api/inbox/events` for every subscriber (inbox list, bell, task page).
 * The stream only says "something changed"; subscribers refetch. When the browser cannot keep the
 * stream open (no endpoint, proxy), the app simply works without live refresh.
 */

export interface InboxEvent {
  /** SSE event name: `task`, `notification`, … */
  type: string;
  id?: string;
  change?: string;
}

type Listener = (event: InboxEvent) => void;

const listeners = new Set<Listener>();
let source: EventSource | null = null;
const EVENT_NAMES = ['task', 'notification'];

function open() {
  if (source || typeof EventSource === 'undefined') return;
  try {
    source = new EventSource('/api/inbox/events', { withCredentials: true });
  } catch {
    source = null;
    return;
  }
  const current = source;
  for (const name of EVENT_NAMES) {
    current.addEventListener(name, (message) => {
      let data: Partial<InboxEvent>;
      try {
        data = JSON.parse((message as MessageEvent<string>).data) as Partial<InboxEvent>;
      } catch {
        data = {};
      }
      for (const listener of [...listeners]) listener({ ...data, type: name });
    });
  }
  current.onerror = () => {
    // CLOSED means the browser gave up (e.g. 404 or wrong content type): stay quiet, no retry storm.
    if (current.readyState === 2 && source === current) source = null;
  };
}

/** Calls `listener` on every inbox event until the returned function is called. */
export function subscribeInboxEvents(listener: Listener): () => void {
  listeners.add(listener);
  open();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && source) {
      source.close();
      source = null;
    }
  };
}

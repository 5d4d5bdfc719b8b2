/** A one-time message carried across an in-app navigation (e.g. "Task completed" shown by the inbox). */
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

/** The pending message, if any (read it in a state initialiser, then `clearFlash` after mount). */
export function peekFlash(): string | null {
  return pending;
}

export function clearFlash(): void {
  pending = null;
}

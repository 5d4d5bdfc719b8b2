import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { navigate } from './router';
import { useIsActive } from './useRoute';

export interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  to: string;
  /** Mark the link `aria-current="page"` when the URL is `to` or, with `matchPrefix`, below it. */
  matchPrefix?: boolean;
}

/** An ordinary anchor that navigates in-app on a plain left click, and behaves natively otherwise. */
export function Link({ to, matchPrefix = false, onClick, children, ...rest }: LinkProps) {
  const active = useIsActive(to, matchPrefix);
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.altKey ||
      event.ctrlKey ||
      event.shiftKey ||
      (rest.target && rest.target !== '_self')
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  }
  return (
    <a href={to} onClick={handleClick} aria-current={active ? 'page' : undefined} {...rest}>
      {children}
    </a>
  );
}

import { amapMarkerUrl, dialable, type HelpPointCallProps, type HelpPointNavigateProps } from './help-point-actions.types'

/** A real link: the phone's dialler opens it, screen readers announce it as a link. */
export function HelpPointCall({ phone, label, className, id }: HelpPointCallProps) {
  return (
    <a id={id} className={`hx-button hx-button--primary hx-link-button ${className ?? ''}`} href={`tel:${dialable(phone)}`}>
      {label}
    </a>
  )
}

export function HelpPointNavigate({ name, gcj02, className, id }: HelpPointNavigateProps) {
  return (
    <a
      id={id}
      className={`hx-button hx-button--secondary hx-link-button ${className ?? ''}`}
      href={amapMarkerUrl(name, gcj02)}
      target='_blank'
      rel='noopener noreferrer'
    >
      导航去这里（高德地图）
    </a>
  )
}
